package dev.slipway.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.regex.Pattern;

/**
 * The monorepo commit a release was requested from: its full object name, whether the working tree had
 * uncommitted changes then (released anyway with {@code slipway release --allow-dirty}), and whether the release
 * is of the working tree rather than of the commit ({@code workingTree}: {@code slipway local}, a try-out of what
 * the checkout holds, ignored files such as vendored binaries included). A release of the commit is built from
 * exactly its files; one of the working tree (dirty, or {@code workingTree}) from the checkout while it is still at
 * that commit.
 */
public record SourceRevision(String commit, boolean dirty,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean workingTree) {
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}([0-9a-f]{24})?");

    public SourceRevision {
        if (commit == null || !COMMIT.matcher(commit).matches()) {
            throw new InvalidEventException("source commit '" + commit + "' is not a full git object name (40 or 64 hex digits)");
        }
    }

    /** A release of the commit (clean), or of uncommitted changes on it (dirty). */
    public SourceRevision(String commit, boolean dirty) {
        this(commit, dirty, false);
    }

    /** The same revision, released as the working tree holds it (what {@code slipway local} builds). */
    public SourceRevision ofWorkingTree() {
        return new SourceRevision(commit, dirty, true);
    }

    /** Whether the builder builds the checkout's working tree rather than the commit's files. */
    public boolean buildsWorkingTree() {
        return dirty || workingTree;
    }

    /** The commit as an image's {@code org.opencontainers.image.revision}: with {@code -dirty} when the tree had changes. */
    public String revision() {
        return dirty ? commit + "-dirty" : commit;
    }
}
