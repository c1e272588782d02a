package dev.slipway.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.kubernetes.KubernetesClients.Settings;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
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

    @Test
    void watchEventsAreReadWithoutTheModelScanAndStillConvertToTheirType() {
        KubernetesSerialization serialization = KubernetesClients.serialization();
        WatchEvent added = serialization.unmarshal("""
                {"type": "ADDED", "object": {"apiVersion": "v1", "kind": "Pod",
                 "metadata": {"name": "api-7d9f", "namespace": "backend", "resourceVersion": "42"},
                 "spec": {"nodeName": "vps-2", "containers": [{"name": "api", "image": "store/api:2.0.0"}]},
                 "status": {"phase": "Running", "containerStatuses": [{"name": "api", "restartCount": 3}]}}}
                """, WatchEvent.class);

        assertThat(added.getObject()).isInstanceOf(GenericKubernetesResource.class);
        Pod pod = serialization.convertValue(added.getObject(), Pod.class);
        assertThat(pod.getMetadata().getResourceVersion()).isEqualTo("42");
        assertThat(pod.getSpec().getNodeName()).isEqualTo("vps-2");
        assertThat(pod.getSpec().getContainers().get(0).getImage()).isEqualTo("store/api:2.0.0");
        assertThat(pod.getStatus().getContainerStatuses().get(0).getRestartCount()).isEqualTo(3);
    }

    @Test
    void aWatchErrorIsStillReadAsAStatusSoAnInformerListsAgainOnGone() {
        WatchEvent error = KubernetesClients.serialization().unmarshal("""
                {"type": "ERROR", "object": {"apiVersion": "v1", "kind": "Status", "status": "Failure",
                 "message": "too old resource version: 42 (97)", "reason": "Expired", "code": 410}}
                """, WatchEvent.class);

        assertThat(error.getObject()).isInstanceOf(Status.class);
        assertThat(((Status) error.getObject()).getCode()).isEqualTo(410);
    }
}
