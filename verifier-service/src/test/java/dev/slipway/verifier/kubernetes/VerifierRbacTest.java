package dev.slipway.verifier.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.CheckResult;
import dev.slipway.events.names.ServiceName;
import dev.slipway.events.plan.CheckSpec;
import dev.slipway.events.plan.NodesReadyCheck;
import dev.slipway.events.plan.PvcsBoundCheck;
import dev.slipway.events.plan.WorkloadCheck;
import dev.slipway.kubernetes.KubernetesClients;
import dev.slipway.kubernetes.rbac.ApiRequest;
import dev.slipway.kubernetes.rbac.RbacPolicy;
import dev.slipway.kubernetes.rbac.ServiceAccountRef;
import dev.slipway.verifier.Releases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every request the Kubernetes checks make is granted to the verifier's service account by the manifests in
 * deploy/ (Roles applied in the namespaces the checks read). Fails when the code starts using a verb or resource
 * the manifests do not grant.
 */
class VerifierRbacTest {
    static final Path DEPLOY = Path.of("../deploy");
    static final ServiceAccountRef VERIFIER = new ServiceAccountRef("slipway", "slipway-verifier");
    /** Where the user applies 031-Role-verifier.yaml: the services' namespace and the Fabric pods' namespace. */
    static final Set<String> NAMESPACES = Set.of(UsersCluster.NAMESPACE, "fabric");

    private MockCluster cluster;
    private ClusterConnection connection;

    @BeforeEach
    void startCluster() {
        cluster = MockCluster.start();
        UsersCluster.write(cluster.client());
        connection = new ClusterConnection(new KubernetesClients.Settings(Optional.of(cluster.kubeconfig()), Optional.empty()));
    }

    @AfterEach
    void stopCluster() {
        connection.close();
        cluster.close();
    }

    @Test
    void everyRequestOfTheKubernetesChecksIsGrantedToTheVerifiersServiceAccount() throws IOException {
        List<ApiRequest> requests = requestsOfEveryCheck();

        assertThat(requests).extracting(ApiRequest::describe).contains("list nodes (cluster-scoped)",
                "get deployments (apps) svc-tax in namespace backend-mainnet",
                "get statefulsets (apps) prometheus in namespace backend-mainnet",
                "list pods in namespace fabric", "list persistentvolumeclaims in namespace backend-mainnet");
        assertThat(policy(deployManifests()).denied(VERIFIER, requests)).as("requests the manifests in deploy/ do not grant")
                .isEmpty();
    }

    @Test
    void theCheckerCatchesARequestNoManifestGrants() throws IOException {
        List<ApiRequest> requests = requestsOfEveryCheck();
        List<Path> withoutNodes = deployManifests().stream()
                .filter(file -> !file.getFileName().toString().contains("ClusterRole-verifier")).toList();

        assertThat(policy(withoutNodes).denied(VERIFIER, requests)).extracting(ApiRequest::describe)
                .containsExactly("list nodes (cluster-scoped)");
        assertThat(RbacPolicy.fromManifests(deployManifests(), Set.of(UsersCluster.NAMESPACE)).denied(VERIFIER, requests))
                .extracting(ApiRequest::describe).containsExactly("list pods in namespace fabric");
    }

    @Test
    void theRolloutsAccountMayWatchNodesButNotChangeThem() throws IOException {
        ServiceAccountRef rollout = new ServiceAccountRef("slipway", "slipway-rollout");

        assertThat(policy(deployManifests()).allows(rollout, ApiRequest.of("GET", "/api/v1/nodes?watch=true"))).isTrue();
        assertThat(policy(deployManifests()).allows(rollout, ApiRequest.of("PATCH", "/api/v1/nodes/vps-3"))).isFalse();
        assertThat(policy(deployManifests()).allows(rollout, ApiRequest.of("GET", "/api/v1/namespaces/backend-mainnet/secrets")))
                .isFalse();
        assertThat(policy(deployManifests()).allows(VERIFIER,
                ApiRequest.of("PATCH", "/apis/apps/v1/namespaces/backend-mainnet/deployments/svc-tax"))).isFalse();
    }

    /** Runs each check on a healthy and on a broken cluster (missing workload, missing claim), returning the checks' requests only. */
    private List<ApiRequest> requestsOfEveryCheck() {
        cluster.takeRequests();
        List<CheckSpec> specs = new ArrayList<>(UsersCluster.checks());
        specs.add(CheckSpec.of("all nodes", new NodesReadyCheck(List.of())));
        specs.add(CheckSpec.of("prometheus ready", new WorkloadCheck(ServiceName.of(UsersCluster.PROMETHEUS))));
        List<CheckResult> healthy = KubernetesChecksTest.checksOver(connection)
                .run(UsersCluster.rolledOut(UsersCluster.release(Releases.newReleaseId(), specs)));
        List<ApiRequest> requests = new ArrayList<>(cluster.takeRequests());

        cluster.client().apps().statefulSets().inNamespace(UsersCluster.NAMESPACE).withName(UsersCluster.PROMETHEUS).delete();
        cluster.client().apps().deployments().inNamespace(UsersCluster.NAMESPACE).withName("svc-tax").delete();
        cluster.takeRequests();
        List<CheckResult> broken = KubernetesChecksTest.checksOver(connection).run(UsersCluster.rolledOut(UsersCluster.release(
                Releases.newReleaseId(), List.of(CheckSpec.of("tax", new WorkloadCheck(ServiceName.of("svc-tax"))),
                        CheckSpec.of("pvcs", new PvcsBoundCheck(ServiceName.of(UsersCluster.PROMETHEUS)))))));
        requests.addAll(cluster.takeRequests());

        assertThat(healthy).allMatch(CheckResult::passed);
        assertThat(broken).noneMatch(CheckResult::passed);
        return requests;
    }

    private static RbacPolicy policy(List<Path> manifests) {
        return RbacPolicy.fromManifests(manifests, NAMESPACES);
    }

    static List<Path> deployManifests() throws IOException {
        try (Stream<Path> files = Files.list(DEPLOY)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
    }
}
