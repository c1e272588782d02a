package dev.slipway.verifier.kubernetes;

import dev.slipway.kubernetes.rbac.ApiRequest;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * fabric8's Kubernetes mock API server in CRUD mode on a loopback port, a kubeconfig file pointing at it (what
 * {@code slipway.kubernetes.kubeconfig} names), a client for the test to write the cluster's state with, and the
 * requests the server received, as RBAC sees them.
 */
public final class MockCluster implements AutoCloseable {
    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final Path kubeconfig;
    private int taken;

    private MockCluster(KubernetesMockServer server, Path kubeconfig) {
        this.server = server;
        this.client = server.createClient();
        this.kubeconfig = kubeconfig;
    }

    public static MockCluster start() {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        try {
            Path kubeconfig = Files.createTempFile("slipway-test-verifier-kubeconfig-", ".yaml");
            Files.writeString(kubeconfig, """
                    apiVersion: v1
                    kind: Config
                    clusters:
                      - name: mock
                        cluster: {server: "http://127.0.0.1:%d"}
                    contexts:
                      - name: mock
                        context: {cluster: mock, user: slipway-verifier}
                    current-context: mock
                    users:
                      - name: slipway-verifier
                        user: {}
                    """.formatted(server.getPort()));
            return new MockCluster(server, kubeconfig);
        } catch (IOException e) {
            server.destroy();
            throw new UncheckedIOException(e);
        }
    }

    /** The test's own client: it plays the controllers and kubelets, writing the state the checks read. */
    public KubernetesClient client() {
        return client;
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    /** The requests received since the last call (the test's own writes included), in order. */
    public synchronized List<ApiRequest> takeRequests() {
        List<ApiRequest> requests = new ArrayList<>();
        try {
            while (taken < server.getRequestCount()) {
                RecordedRequest request = server.takeRequest();
                taken++;
                requests.add(ApiRequest.of(request.getMethod(), request.getPath()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the mock server's requests", e);
        }
        return requests;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
        try {
            Files.deleteIfExists(kubeconfig);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
