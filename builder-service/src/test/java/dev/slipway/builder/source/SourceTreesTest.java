package dev.slipway.builder.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.builder.TestRequests;
import dev.slipway.events.BuildRequested;
import dev.slipway.events.SourceRevision;
import dev.slipway.events.plan.ServicePlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tree a release is built from, against a real git repository whose source root is a folder inside it. */
class SourceTreesTest {
    @TempDir
    Path temp;
    TestRepository repository;
    Path sourceRoot;
    SourceTrees trees;
    String first;

    @BeforeEach
    void repository() throws Exception {
        Path top = Files.createDirectories(temp.resolve("monorepo"));
        repository = TestRepository.init(top);
        sourceRoot = Files.createDirectories(top.resolve("apps"));
        Files.createDirectories(sourceRoot.resolve("api"));
        Files.writeString(sourceRoot.resolve("api/Dockerfile"), "FROM scratch\n");
        Files.writeString(sourceRoot.resolve("api/version.txt"), "one\n");
        Files.createSymbolicLink(sourceRoot.resolve("api/current"), Path.of("version.txt"));
        Files.writeString(top.resolve("outside.txt"), "not under the source root\n");
        first = repository.commitAll("one");
        trees = new SourceTrees(sourceRoot, temp.resolve("work"), Duration.ofMinutes(1));
    }

    @Test
    void aPinnedReleaseGetsItsCommitsFilesWhateverTheCheckoutHoldsNow() throws Exception {
        Files.writeString(sourceRoot.resolve("api/version.txt"), "two\n");
        String second = repository.commitAll("two");
        Files.writeString(sourceRoot.resolve("api/version.txt"), "three, not committed\n");

        SourceTrees.Tree tree = tree(trees.treeFor(pinned(first, false)));

        assertThat(tree.root()).isEqualTo(temp.resolve("work").resolve(first));
        assertThat(Files.readString(tree.root().resolve("api/version.txt"))).isEqualTo("one\n");
        assertThat(Files.readSymbolicLink(tree.root().resolve("api/current"))).isEqualTo(Path.of("version.txt"));
        assertThat(tree.root().resolve("outside.txt")).as("only the source root's folder of the commit").doesNotExist();
        assertThat(Files.readString(tree(trees.treeFor(pinned(second, false))).root().resolve("api/version.txt")))
                .isEqualTo("two\n");
        assertThat(repository.git("status", "--porcelain")).as("the checkout is untouched")
                .isEqualTo(" M apps/api/version.txt\n");
        assertThat(Files.readString(sourceRoot.resolve("api/version.txt"))).isEqualTo("three, not committed\n");
    }

    @Test
    void aCommitTheRepositoryDoesNotHaveIsRefusedSayingWhatToDo() {
        String unknown = "0123456789abcdef0123456789abcdef01234567";

        SourceTrees.Found found = trees.treeFor(pinned(unknown, false));

        assertThat(((SourceTrees.Refused) found).reason()).isEqualTo("commit " + unknown
                + " is not in the repository of the source root " + sourceRoot
                + " (slipway.builder.source-root); fetch it there (git fetch) and publish the release again");
    }

    @Test
    void aDirtyReleaseIsBuiltFromTheWorkingTreeWhileTheCheckoutIsStillAtItsCommit() throws Exception {
        assertThat(tree(trees.treeFor(pinned(first, true))).root()).isEqualTo(sourceRoot);

        Files.writeString(sourceRoot.resolve("api/version.txt"), "two\n");
        String second = repository.commitAll("two");

        SourceTrees.Found moved = trees.treeFor(pinned(first, true));
        assertThat(((SourceTrees.Refused) moved).reason()).contains("is now at commit " + second);
    }

    @Test
    void theSourceUrlIsOriginsWithoutItsCredentials() {
        assertThat(trees.sourceUrl()).isEmpty();

        repository.git("remote", "add", "origin", "https://deploy:s3cret@git.example.com/shop/monorepo.git");

        assertThat(trees.sourceUrl()).contains("https://git.example.com/shop/monorepo.git");
    }

    private static SourceTrees.Tree tree(SourceTrees.Found found) {
        assertThat(found).isInstanceOf(SourceTrees.Tree.class);
        return (SourceTrees.Tree) found;
    }

    private BuildRequested pinned(String commit, boolean dirty) {
        ServicePlan api = TestRequests.service("api", "shop/api", "api", "Dockerfile", Map.of());
        BuildRequested request = TestRequests.request("shop-1-0-0-0a1b2c3d", "1.0.0", api);
        return new BuildRequested(request.releaseId(), request.version(), request.requestedAt(), request.plan(),
                new SourceRevision(commit, dirty));
    }
}
