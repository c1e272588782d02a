package dev.slipway.verifier.kubernetes;

import static dev.slipway.verifier.ClusterObjects.claim;
import static dev.slipway.verifier.ClusterObjects.readyDeployment;
import static dev.slipway.verifier.ClusterObjects.readyNode;
import static dev.slipway.verifier.ClusterObjects.runningPod;
import static dev.slipway.verifier.ClusterObjects.statefulSet;

import dev.slipway.events.CheckResult;
import dev.slipway.events.ReleaseContext;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.names.KubeName;
import dev.slipway.events.names.NodeName;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.ReleaseName;
import dev.slipway.events.names.ServiceName;
import dev.slipway.events.names.Version;
import dev.slipway.events.plan.CheckSpec;
import dev.slipway.events.plan.NodesReadyCheck;
import dev.slipway.events.plan.PodsRunningCheck;
import dev.slipway.events.plan.PvcsBoundCheck;
import dev.slipway.events.plan.RolloutPolicy;
import dev.slipway.events.plan.ServicePlan;
import dev.slipway.events.plan.WorkloadCheck;
import dev.slipway.events.plan.WorkloadKind;
import dev.slipway.verifier.Releases;
import dev.slipway.verifier.decision.RolledOutRelease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The user's k3s cluster after release 2.1.0 rolled out, as its controllers and kubelets leave it: 4 Ready nodes,
 * 9 Deployments in backend-mainnet at 2.1.0 (pods spread over the nodes), the Prometheus StatefulSet with its
 * Bound claim, and 21 Fabric peers running in namespace fabric. Also the release's events and its checks.
 */
public final class UsersCluster {
    public static final String NAMESPACE = "backend-mainnet";
    public static final String VERSION = "2.1.0";
    public static final List<String> NODES = List.of("vps-1", "vps-2", "vps-3", "vps-4");
    public static final List<String> DEPLOYMENTS = List.of("svc-admin", "svc-auth", "svc-fees", "svc-gateway", "svc-identity",
            "svc-ledger", "svc-notify", "svc-tax", "svc-wallet");
    public static final String PROMETHEUS = "prometheus";
    public static final int PEERS = 21;

    private UsersCluster() {}

    public static void write(KubernetesClient client) {
        NODES.forEach(node -> client.resource(readyNode(node)).create());
        int pod = 0;
        for (String service : DEPLOYMENTS) {
            int replicas = service.equals("svc-tax") ? 3 : 2;
            client.resource(readyDeployment(NAMESPACE, service, image(service), replicas)).create();
            for (int i = 0; i < replicas; i++) {
                client.resource(runningPod(NAMESPACE, service + "-7d9c5-" + i, service, image(service),
                        NODES.get(pod++ % NODES.size()))).create();
            }
        }
        client.resource(statefulSet(NAMESPACE, PROMETHEUS, image(PROMETHEUS), 1, 1, "prometheus-data")).create();
        client.resource(runningPod(NAMESPACE, PROMETHEUS + "-0", PROMETHEUS, image(PROMETHEUS), "vps-1")).create();
        client.resource(claim(NAMESPACE, "prometheus-data-prometheus-0", "Bound", "pvc-4f7e2a")).create();
        for (int i = 0; i < PEERS; i++) {
            client.resource(runningPod("fabric", "peer-" + i, "peer", "hyperledger/fabric-peer:2.5.10",
                    NODES.get(i % NODES.size()))).create();
        }
    }

    public static String image(String service) {
        return "gx-protocol/" + service + ":" + VERSION;
    }

    public static List<String> services() {
        return Stream.concat(DEPLOYMENTS.stream(), Stream.of(PROMETHEUS)).toList();
    }

    public static ServicePlan plan(String service) {
        return Releases.kubernetesService(service, NAMESPACE,
                service.equals(PROMETHEUS) ? WorkloadKind.STATEFUL_SET : WorkloadKind.DEPLOYMENT);
    }

    /** The user's checks: nodes Ready, each Deployment ready at 2.1.0, 21 Fabric peers running, Prometheus' claims Bound. */
    public static List<CheckSpec> checks() {
        List<CheckSpec> checks = new ArrayList<>();
        checks.add(CheckSpec.of("4 nodes Ready", new NodesReadyCheck(NODES.stream().map(NodeName::of).toList())));
        DEPLOYMENTS.forEach(service -> checks.add(CheckSpec.of(service + " at " + VERSION,
                new WorkloadCheck(ServiceName.of(service)))));
        checks.add(CheckSpec.of("21 Fabric pods running", new PodsRunningCheck(KubeName.of("fabric"), "app=peer", PEERS)));
        checks.add(CheckSpec.of("Prometheus PVCs Bound", new PvcsBoundCheck(ServiceName.of(PROMETHEUS))));
        return checks;
    }

    public static ReleaseContext release(ReleaseId id, List<CheckSpec> checks) {
        return new ReleaseContext(id, ReleaseName.of("gx-protocol"),
                Version.of(VERSION), services().stream().map(ServiceName::of).toList(),
                new RolloutPolicy(true, 120), checks);
    }

    public static List<RolloutDone> rollouts(ReleaseContext release) {
        return services().stream().map(service -> Releases.rolledOutTo(release, plan(service), VERSION)).toList();
    }

    public static RolledOutRelease rolledOut(ReleaseContext release) {
        Map<ServiceName, RolloutDone> rollouts = new LinkedHashMap<>();
        rollouts(release).forEach(done -> rollouts.put(done.service().name(), done));
        return new RolledOutRelease(release, rollouts);
    }

    /** The row of the named check. */
    public static CheckResult row(List<CheckResult> rows, String name) {
        return rows.stream().filter(row -> row.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no row named " + name + " in " + rows));
    }
}
