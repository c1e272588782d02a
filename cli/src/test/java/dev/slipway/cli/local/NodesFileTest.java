package dev.slipway.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodesFileTest {
    @TempDir
    Path dir;

    @Test
    void readsTheNodesSettingsAsClusterShWritesThem() throws Exception {
        Path file = Files.writeString(dir.resolve("nodes.properties"), """
                slipway.nodes.vps-1.transport=ssh-containerd
                slipway.nodes.vps-1.address=root@10.242.0.11:22
                slipway.nodes.vps-1.ctr-command=ctr -a /tmp/slipway-cluster/node1/containerd.sock -n k8s.io
                """);

        assertThat(NodesFile.read(file)).containsEntry("slipway.nodes.vps-1.address", "root@10.242.0.11:22")
                .containsEntry("slipway.nodes.vps-1.ctr-command", "ctr -a /tmp/slipway-cluster/node1/containerd.sock -n k8s.io")
                .hasSize(3);
    }

    @Test
    void refusesOtherKeysAnEmptyFileAndAMissingOne() throws Exception {
        Path foreign = Files.writeString(dir.resolve("foreign.properties"),
                "slipway.nodes.vps-1.transport=ssh-containerd\nkafka.bootstrap.servers=evil:9092\n");
        assertThatThrownBy(() -> NodesFile.read(foreign)).isInstanceOf(LocalPipelineException.class)
                .hasMessage(foreign + ": only slipway.nodes.* keys belong in a nodes file; found kafka.bootstrap.servers");
        Path empty = Files.writeString(dir.resolve("empty.properties"), "# nothing\n");
        assertThatThrownBy(() -> NodesFile.read(empty)).hasMessage(empty + " holds no slipway.nodes.* settings");
        assertThatThrownBy(() -> NodesFile.read(dir.resolve("missing.properties")))
                .hasMessageStartingWith("cannot read the nodes file " + dir.resolve("missing.properties"));
    }
}
