package dev.slipway.distributor.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.events.names.ImageRef;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContainerdCommandsTest {
    private final ContainerdCommands k3s = new ContainerdCommands(ContainerdCommands.DEFAULT_CTR, Optional.empty(), Optional.empty());

    @Test
    void namesImagesAsContainerdDoesAfterImportingADockerSave() {
        assertThat(ContainerdCommands.containerdName(ImageRef.parse("api:2.1.0"))).isEqualTo("docker.io/library/api:2.1.0");
        assertThat(ContainerdCommands.containerdName(ImageRef.parse("gx-protocol/svc-tax:1.0")))
                .isEqualTo("docker.io/gx-protocol/svc-tax:1.0");
        assertThat(ContainerdCommands.containerdName(ImageRef.parse("registry:5000/team/app:1.0"))).isEqualTo("registry:5000/team/app:1.0");
        assertThat(ContainerdCommands.containerdName(ImageRef.parse("ghcr.io/team/app:1.0"))).isEqualTo("ghcr.io/team/app:1.0");
        assertThat(ContainerdCommands.containerdName(ImageRef.parse("localhost/app:1.0"))).isEqualTo("localhost/app:1.0");
    }

    @Test
    void quotesEveryValueAfterTheConfiguredPrefix() {
        ImageRef ref = ImageRef.parse("slipway-example/api:2.1.0");
        assertThat(k3s.importImage()).isEqualTo("k3s ctr -n k8s.io images import -");
        assertThat(k3s.listImages()).isEqualTo("k3s ctr -n k8s.io images ls");
        assertThat(k3s.pin(ref)).isEqualTo("k3s ctr -n k8s.io images label 'docker.io/slipway-example/api:2.1.0' io.cri-containerd.pinned=pinned");
        assertThat(k3s.tag("docker.io/slipway-example/api:2.0.0", ref))
                .isEqualTo("k3s ctr -n k8s.io images tag --force 'docker.io/slipway-example/api:2.0.0' 'docker.io/slipway-example/api:2.1.0'");
        assertThat(k3s.contentGet("sha256:" + "a".repeat(64))).isEqualTo("k3s ctr -n k8s.io content get 'sha256:" + "a".repeat(64) + "'");
        assertThat(ContainerdCommands.quote("it's")).isEqualTo("'it'\\''s'");
    }

    @Test
    void refusesValuesThatAreNotWhatTheyClaim() {
        assertThatThrownBy(() -> k3s.contentGet("sha256:abc; reboot")).hasMessageContaining("digest 'sha256:abc; reboot' is not valid");
        assertThatThrownBy(() -> k3s.tag("docker.io/x:1 $(reboot)", ImageRef.parse("api:1.0")))
                .hasMessageContaining("listed by the node is not a valid reference");
        assertThatThrownBy(() -> new ContainerdCommands("k3s ctr\nreboot", Optional.empty(), Optional.empty()))
                .hasMessageContaining("ctr command");
        assertThatThrownBy(() -> new ContainerdCommands("k3s ctr", Optional.empty(), Optional.of("linux/amd64;reboot")))
                .hasMessageContaining("platform 'linux/amd64;reboot' is not valid");
    }

    @Test
    void readsTheImageListAndManifests() {
        String listing = """
                REF                                 TYPE                                                 DIGEST                                                                  SIZE    PLATFORMS   LABELS
                docker.io/library/api:2.1.0         application/vnd.docker.distribution.manifest.v2+json sha256:51aae3e189b37df2a2903479779699e854339f3ba75a6d3fff61cf5f2450354e 1.9 MiB linux/amd64 io.cri-containerd.pinned=pinned
                """;
        assertThat(ContainerdImages.targets(listing)).isEqualTo(Map.of("docker.io/library/api:2.1.0",
                "sha256:51aae3e189b37df2a2903479779699e854339f3ba75a6d3fff61cf5f2450354e"));
        assertThat(ContainerdImages.targets("REF TYPE DIGEST SIZE PLATFORMS LABELS\n")).isEmpty();

        var manifest = ContainerdImages.target("{\"schemaVersion\":2,\"config\":{\"digest\":\"sha256:d4c5\"},\"layers\":[]}");
        assertThat(manifest.configs()).containsExactly("sha256:d4c5");
        var index = ContainerdImages.target("{\"schemaVersion\":2,\"manifests\":[{\"digest\":\"sha256:aa\"},{\"digest\":\"sha256:bb\"}]}");
        assertThat(index.configs()).isEmpty();
        assertThat(index.manifests()).containsExactly("sha256:aa", "sha256:bb");
    }
}
