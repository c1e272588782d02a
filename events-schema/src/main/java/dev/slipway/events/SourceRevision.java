package dev.slipway.events;

import java.util.regex.Pattern;

/**
 * The monorepo commit a release was requested from: its full object name and whether the working
 * tree had uncommitted changes then (released anyway with {@code slipway release --allow-dirty}).
 */
public record SourceRevision(String commit, boolean dirty) {
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}([0-9a-f]{24})?");

    public SourceRevision {
        if (commit == null || !COMMIT.matcher(commit).matches()) {
            throw new InvalidEventException("source commit '" + commit + "' is not a full git object name (40 or 64 hex digits)");
        }
    }

    /** The commit as an image's {@code org.opencontainers.image.revision}: with {@code -dirty} when the tree had changes. */
    public String revision() {
        return dirty ? commit + "-dirty" : commit;
    }
}
