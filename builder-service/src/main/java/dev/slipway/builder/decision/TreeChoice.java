package dev.slipway.builder.decision;

import dev.slipway.events.SourceRevision;
import dev.slipway.events.names.ReleaseId;
import java.util.Optional;

/**
 * Which tree a release's services are built from. A release pinned to a clean commit is built from exactly
 * that commit, whatever the checkout holds now. A release from uncommitted changes ({@code --allow-dirty}), or of
 * the working tree as it is ({@code slipway local}), can only be built from the working tree, and only while the
 * checkout is still at the commit it was requested on. A release without a commit (made outside git) is built from the working tree as it is.
 */
public sealed interface TreeChoice {
    /** Build the files of {@code commit}. */
    record Commit(String commit) implements TreeChoice {}

    /** Build the source root's working tree; {@code why} says why it is that tree, for the log. */
    record WorkingTree(String why) implements TreeChoice {}

    /** Build nothing; {@code reason} says why and what to do. */
    record Refused(String reason) implements TreeChoice {}

    /**
     * @param head the commit the source root's checkout is at now, or empty with why not (not git, git missing)
     */
    static TreeChoice of(ReleaseId release, SourceRevision source, Head head) {
        if (source == null) {
            return new WorkingTree("release " + release + " carries no commit (released with --allow-dirty outside git)");
        }
        if (!source.buildsWorkingTree()) {
            return new Commit(source.commit());
        }
        String from = source.dirty() ? "uncommitted changes on commit " + source.commit()
                : "the working tree at commit " + source.commit();
        if (head.commit().isEmpty()) {
            return new Refused("release " + release + " was requested from " + from
                    + ", which only the working tree of the source root holds, and " + head.problem()
                    + "; commit the changes and release again");
        }
        if (!head.commit().get().equals(source.commit())) {
            return new Refused("release " + release + " was requested from " + from
                    + ", but the source root is now at commit " + head.commit().get()
                    + ", so what was released is gone; commit the changes and release again");
        }
        return new WorkingTree("release " + release + " was requested from " + from
                + (source.dirty() ? " (--allow-dirty)" : " (slipway local)") + ": building the working tree as it is now");
    }

    /** The checkout's current commit, or why it has none. */
    record Head(Optional<String> commit, String problem) {
        public static Head at(String commit) {
            return new Head(Optional.of(commit), null);
        }

        public static Head unknown(String problem) {
            return new Head(Optional.empty(), problem);
        }
    }

    /** Which tree to build for {@code source}; {@code head} is asked only for a release of the working tree. */
    static TreeChoice forRelease(ReleaseId release, SourceRevision source, java.util.function.Supplier<Head> head) {
        return of(release, source, source != null && source.buildsWorkingTree() ? head.get() : Head.unknown("not asked"));
    }
}
