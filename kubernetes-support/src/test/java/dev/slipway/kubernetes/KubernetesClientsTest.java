package dev.slipway.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.kubernetes.KubernetesClients.Settings;
import io.fabric8.kubernetes.client.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesClientsTest {
    private static final String KUBECONFIG = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: k3s
              cluster: {server: "https://10.0.0.1:6443", insecure-skip-tls-verify: true}
            - name: staging
              cluster: {server: "https://10.0.0.2:6443", insecure-skip-tls-verify: true}
            users:
            - name: admin
              user: {token: abc}
            contexts:
            - name: prod
              context: {cluster: k3s, user: admin, namespace: backend-mainnet}
            - name: staging
              context: {cluster: staging, user: admin}
            current-context: prod
            """;
    @TempDir
    Path dir;

    @Test
    void usesTheConfiguredKubeconfigAndContext() throws Exception {
        Path file = Files.writeString(dir.resolve("config"), KUBECONFIG);

        Config config = KubernetesClients.config(new Settings(Optional.of(file), Optional.of("staging")), Map.of(),
                dir.resolve("no-sa"), dir.resolve("none"));

        assertThat(config.getMasterUrl()).startsWith("https://10.0.0.2:6443");
    }

    @Test
    void fallsBackToTheKubeconfigInTheEnvironmentOutsideTheCluster() throws Exception {
        Path file = Files.writeString(dir.resolve("config"), KUBECONFIG);

        Config config = KubernetesClients.config(Settings.defaults(), Map.of("KUBECONFIG", file.toString()),
                dir.resolve("no-sa"), dir.resolve("none"));

        assertThat(config.getMasterUrl()).startsWith("https://10.0.0.1:6443");
        assertThat(config.getNamespace()).isEqualTo("backend-mainnet");
    }

    @Test
    void namesEverySourceTriedWhenNoneWorks() {
        assertThatThrownBy(() -> KubernetesClients.config(Settings.defaults(), Map.of(), dir.resolve("no-sa"),
                dir.resolve("home-config")))
                .isInstanceOf(ClusterConfigException.class)
                .hasMessageContaining("in-cluster service account (KUBERNETES_SERVICE_HOST is not set)")
                .hasMessageContaining("kubeconfig " + dir.resolve("home-config") + " (not found or not readable)")
                .hasMessageContaining("slipway.kubernetes.kubeconfig");
    }

    @Test
    void anUnknownContextIsReportedWithTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("config"), KUBECONFIG);

        assertThatThrownBy(() -> KubernetesClients.config(new Settings(Optional.of(file), Optional.of("nope")), Map.of(),
                dir.resolve("no-sa"), dir.resolve("none")))
                .isInstanceOf(ClusterConfigException.class)
                .hasMessageContaining("kubeconfig " + file + " (it has no context named nope)");
    }
}
