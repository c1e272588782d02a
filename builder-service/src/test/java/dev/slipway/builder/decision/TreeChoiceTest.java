package dev.slipway.builder.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.builder.decision.TreeChoice.Head;
import dev.slipway.events.SourceRevision;
import dev.slipway.events.names.ReleaseId;
import org.junit.jupiter.api.Test;

class TreeChoiceTest {
    static final String A = "a".repeat(40);
    static final String B = "b".repeat(40);
    final ReleaseId release = ReleaseId.of("shop-2-1-0-0a1b2c3d");

    @Test
    void aReleaseOnACleanCommitIsBuiltFromThatCommitWithoutLookingAtTheCheckout() {
        TreeChoice choice = TreeChoice.forRelease(release, new SourceRevision(A, false), () -> {
            throw new AssertionError("the checkout's commit does not matter for a clean release");
        });

        assertThat(choice).isEqualTo(new TreeChoice.Commit(A));
    }

    @Test
    void aReleaseWithoutACommitIsBuiltFromTheWorkingTree() {
        assertThat(TreeChoice.forRelease(release, null, () -> Head.unknown("not git")))
                .isInstanceOf(TreeChoice.WorkingTree.class);
    }

    @Test
    void aReleaseOfTheWorkingTreeAsSlipwayLocalMakesItIsBuiltFromTheWorkingTreeWhileAtItsCommit() {
        SourceRevision local = new SourceRevision(A, false).ofWorkingTree();

        assertThat(TreeChoice.forRelease(release, local, () -> Head.at(A))).isInstanceOf(TreeChoice.WorkingTree.class);
        assertThat(((TreeChoice.Refused) TreeChoice.forRelease(release, local, () -> Head.at(B))).reason())
                .startsWith("release " + release + " was requested from the working tree at commit " + A
                        + ", but the source root is now at commit " + B);
        assertThat(local.revision()).as("the image's revision label: the commit, not dirty").isEqualTo(A);
    }

    @Test
    void aDirtyReleaseIsBuiltFromTheWorkingTreeOnlyWhileTheCheckoutIsAtItsCommit() {
        SourceRevision dirty = new SourceRevision(A, true);

        assertThat(TreeChoice.forRelease(release, dirty, () -> Head.at(A))).isInstanceOf(TreeChoice.WorkingTree.class);

        TreeChoice moved = TreeChoice.forRelease(release, dirty, () -> Head.at(B));
        assertThat(moved).isInstanceOf(TreeChoice.Refused.class);
        assertThat(((TreeChoice.Refused) moved).reason()).isEqualTo("release " + release
                + " was requested from uncommitted changes on commit " + A + ", but the source root is now at commit " + B
                + ", so what was released is gone; commit the changes and release again");

        TreeChoice noGit = TreeChoice.forRelease(release, dirty, () -> Head.unknown("git could not run"));
        assertThat(((TreeChoice.Refused) noGit).reason()).contains("git could not run", "commit the changes and release again");
    }
}
