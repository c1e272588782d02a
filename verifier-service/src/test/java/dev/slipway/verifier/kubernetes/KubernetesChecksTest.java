package dev.slipway.verifier.kubernetes;

import static dev.slipway.verifier.ClusterObjects.deployment;
import static dev.slipway.verifier.ClusterObjects.node;
import static dev.slipway.verifier.ClusterObjects.runningPod;
import static dev.slipway.verifier.ClusterObjects.waitingPod;
import static dev.slipway.verifier.kubernetes.UsersCluster.NAMESPACE;
import static dev.slipway.verifier.kubernetes.UsersCluster.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.slipway.events.CheckResult;
import dev.slipway.events.EventCodec;
import dev.slipway.events.EventType;
import dev.slipway.events.ReleaseContext;
import dev.slipway.events.Verdict;
import dev.slipway.events.Verified;
import dev.slipway.events.names.ServiceName;
import dev.slipway.events.plan.CheckSpec;
import dev.slipway.events.plan.NodesReadyCheck;
import dev.slipway.events.plan.WorkloadCheck;
import dev.slipway.kubernetes.KubernetesClients;
import dev.slipway.verifier.Releases;
import dev.slipway.verifier.check.ReleaseChecks;
import dev.slipway.verifier.decision.RolledOutRelease;
import dev.slipway.verifier.decision.VerdictRules;
import io.fabric8.kubernetes.api.model.Pod;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The four Kubernetes checks against fabric8's mock API server holding the user's cluster, as the Verified rows show them. */
class KubernetesChecksTest {
    private MockCluster cluster;
    private ClusterConnection connection;
    private ReleaseChecks checks;

    @BeforeEach
    void startCluster() {
        cluster = MockCluster.start();
        UsersCluster.write(cluster.client());
        connection = new ClusterConnection(new KubernetesClients.Settings(Optional.of(cluster.kubeconfig()), Optional.empty()));
        checks = checksOver(connection);
    }

    @AfterEach
    void stopCluster() {
        connection.close();
        cluster.close();
    }

    static ReleaseChecks checksOver(ClusterConnection connection) {
        ClusterReader reader = new Fabric8ClusterReader(connection);
        return new ReleaseChecks(List.of(new ReadyNodesCheck(reader), new WorkloadReadyCheck(reader),
                new RunningPodsCheck(reader), new BoundClaimsCheck(reader)));
    }

    @Test
    void theUsersReleaseVerifiesPassedWithARowPerCheck() {
        RolledOutRelease release = UsersCluster.rolledOut(UsersCluster.release(Releases.newReleaseId(), UsersCluster.checks()));

        Verified verified = VerdictRules.decide(release, checks.run(release));

        assertThat(verified.verdict()).isEqualTo(Verdict.PASSED);
        assertThat(EventCodec.instance().validate(EventType.VERIFIED, EventCodec.instance().encode(verified)))
                .isNull();
        assertThat(verified.checks()).hasSize(12).allMatch(CheckResult::passed);
        assertThat(verified.checks()).extracting(CheckResult::name, CheckResult::kind, CheckResult::observed).contains(
                tuple("4 nodes Ready", "nodesReady", "4 of 4 nodes Ready: vps-1, vps-2, vps-3, vps-4"),
                tuple("svc-tax at 2.1.0", "workload", "3/3 ready at gx-protocol/svc-tax:2.1.0"),
                tuple("svc-wallet at 2.1.0", "workload", "2/2 ready at gx-protocol/svc-wallet:2.1.0"),
                tuple("21 Fabric pods running", "podsRunning", "21 of 21 running"),
                tuple("Prometheus PVCs Bound", "pvcsBound", "prometheus-data-prometheus-0 Bound to pvc-4f7e2a"));
    }

    @Test
    void nodesReadyFailsNamingTheNodeWhoseKubeletStoppedReporting() {
        cluster.client().nodes().withName("vps-4").updateStatus(
                node("vps-4", "Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status."));

        List<CheckResult> rows = run(CheckSpec.of("all nodes Ready", new NodesReadyCheck(List.of())));

        assertThat(rows.get(0).passed()).isFalse();
        assertThat(rows.get(0).observed()).isEqualTo("3 of 4 nodes Ready; not ready: vps-4 (Ready=Unknown, NodeStatusUnknown: "
                + "Kubelet stopped posting node status.)");
    }

    @Test
    void workloadFailsWhileAnOldPodIsStillThereAndANewOneCrashLoops() {
        String old = "gx-protocol/svc-tax:2.0.9";
        String fresh = UsersCluster.image("svc-tax");
        cluster.client().resource(deployment(NAMESPACE, "svc-tax", fresh, 3, 3, 2, 4)).update();
        cluster.client().pods().inNamespace(NAMESPACE).withName("svc-tax-7d9c5-2").delete();
        cluster.client().resource(waitingPod(NAMESPACE, "svc-tax-7d9c5-2", "svc-tax", fresh, "vps-4", "CrashLoopBackOff", 5))
                .create();
        cluster.client().resource(runningPod(NAMESPACE, "svc-tax-5b8f1-0", "svc-tax", old, "vps-2")).create();

        CheckResult row = row(run(UsersCluster.checks().toArray(CheckSpec[]::new)), "svc-tax at 2.1.0");

        assertThat(row.passed()).isFalse();
        assertThat(row.observed()).isEqualTo("2/3 ready; 1 pod at gx-protocol/svc-tax:2.0.9; "
                + "rollout: 1 old replicas pending termination; not ready: svc-tax-7d9c5-2 (CrashLoopBackOff, 5 restarts)");
    }

    @Test
    void workloadFailsWhenTheDeploymentIsGone() {
        cluster.client().apps().deployments().inNamespace(NAMESPACE).withName("svc-fees").delete();

        CheckResult row = row(run(UsersCluster.checks().toArray(CheckSpec[]::new)), "svc-fees at 2.1.0");

        assertThat(row.passed()).isFalse();
        assertThat(row.observed()).isEqualTo("Deployment backend-mainnet/svc-fees not found");
    }

    @Test
    void podsRunningFailsWithTwoPeersDownNamingThemAndTheirReason() {
        Pod peer3 = waitingPod("fabric", "peer-3", "peer", "hyperledger/fabric-peer:2.5.10", "vps-4", "CrashLoopBackOff", 12);
        Pod peer7 = waitingPod("fabric", "peer-7", "peer", "hyperledger/fabric-peer:2.5.10", "vps-4", "ErrImageNeverPull", 0);
        for (Pod pod : List.of(peer3, peer7)) {
            cluster.client().pods().inNamespace("fabric").withName(pod.getMetadata().getName()).delete();
            cluster.client().resource(pod).create();
        }
        cluster.client().resource(runningPod("fabric", "orderer-0", "orderer", "hyperledger/fabric-orderer:2.5.10", "vps-1"))
                .create();

        CheckResult row = row(run(UsersCluster.checks().toArray(CheckSpec[]::new)), "21 Fabric pods running");

        assertThat(row.passed()).isFalse();
        assertThat(row.observed()).isEqualTo("19 of 21 running; not running: peer-3 (CrashLoopBackOff, 12 restarts), "
                + "peer-7 (ErrImageNeverPull)");
    }

    @Test
    void pvcsBoundNamesTheMissingClaim() {
        cluster.client().persistentVolumeClaims().inNamespace(NAMESPACE).withName("prometheus-data-prometheus-0").delete();

        CheckResult row = row(run(UsersCluster.checks().toArray(CheckSpec[]::new)), "Prometheus PVCs Bound");

        assertThat(row.passed()).isFalse();
        assertThat(row.expected()).isEqualTo("every PersistentVolumeClaim of StatefulSet backend-mainnet/prometheus Bound");
        assertThat(row.observed()).isEqualTo("persistentvolumeclaim prometheus-data-prometheus-0 not found");
    }

    @Test
    void withoutAClusterConfigurationEveryKubernetesRowFailsNamingWhatWasTried() {
        Path missing = cluster.kubeconfig().resolveSibling("slipway-test-verifier-no-such-kubeconfig.yaml");
        try (ClusterConnection nowhere = new ClusterConnection(
                new KubernetesClients.Settings(Optional.of(missing), Optional.empty()))) {
            RolledOutRelease release = UsersCluster.rolledOut(UsersCluster.release(Releases.newReleaseId(), UsersCluster.checks()));

            List<CheckResult> rows = checksOver(nowhere).run(release);

            assertThat(rows).hasSize(12).noneMatch(CheckResult::passed).allSatisfy(row -> assertThat(row.observed())
                    .isEqualTo("no usable Kubernetes configuration; tried: kubeconfig " + missing + " (not found or not readable). "
                            + "Set slipway.kubernetes.kubeconfig (and .context) or run inside the cluster with a service account."));
        }
    }

    @Test
    void anApiServerThatRefusesConnectionsIsAFailedRowNamingTheAddress() throws Exception {
        Path kubeconfig = cluster.kubeconfig();
        String port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = String.valueOf(closed.getLocalPort());
        }
        Files.writeString(kubeconfig, Files.readString(kubeconfig)
                .replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:" + port));
        try (ClusterConnection down = new ClusterConnection(
                new KubernetesClients.Settings(Optional.of(kubeconfig), Optional.empty()))) {
            List<CheckResult> rows = checksOver(down).run(UsersCluster.rolledOut(UsersCluster.release(
                    Releases.newReleaseId(), List.of(CheckSpec.of("all nodes", new NodesReadyCheck(List.of()))))));

            assertThat(rows.get(0).passed()).isFalse();
            assertThat(rows.get(0).observed()).isEqualTo("the Kubernetes API could not be reached: Connection refused: /127.0.0.1:"
                    + port + "; check that the cluster runs and that the verifier's kubeconfig (slipway.kubernetes.kubeconfig) "
                    + "or service account points at it");
        }
    }

    @Test
    void aServiceWithoutAKubernetesRuntimeOrOutsideTheReleaseIsAFailedRowSayingWhatToFix() {
        ReleaseContext context = Releases.context(Releases.newReleaseId(), List.of("web"),
                CheckSpec.of("web ready", new WorkloadCheck(ServiceName.of("web"))),
                CheckSpec.of("db ready", new WorkloadCheck(ServiceName.of("db"))));
        RolledOutRelease release = new RolledOutRelease(context,
                Map.of(ServiceName.of("web"), Releases.rolledOut(context, "web")));

        List<CheckResult> rows = checks.run(release);

        assertThat(rows).extracting(CheckResult::observed).containsExactly(
                "service web has no kubernetes runtime (kubernetes.namespace, kind, name, container) in the plan; "
                        + "add one or remove this check from slipway.yaml",
                "service db is not part of release " + context.releaseId() + " (its services are [web]); fix the check in slipway.yaml");
    }

    private List<CheckResult> run(CheckSpec... specs) {
        return checks.run(UsersCluster.rolledOut(UsersCluster.release(Releases.newReleaseId(), List.of(specs))));
    }
}
