package dev.slipway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.cli.local.PipelineService;
import dev.slipway.events.BuiltImage;
import dev.slipway.events.EventType;
import dev.slipway.events.ImageDistributed;
import dev.slipway.events.NodeOutcome;
import dev.slipway.events.ReleaseContext;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.events.Verdict;
import dev.slipway.events.Verified;
import dev.slipway.events.names.ImageId;
import dev.slipway.events.names.ReleaseId;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Releases of a monorepo of three services (two Deployments and a StatefulSet in namespace {@code store}) on the
 * real cluster of scripts/cluster.sh, four nodes, through the four packaged services: images built by the real
 * dockerd, imported into each node's containerd over its sshd, workloads patched by the real API server, rolled by
 * the real controllers, started (and failed) by the real kubelets. The rollout and the verifier run with the
 * tokens of the ServiceAccounts of deploy/, bound by its Roles, not as the cluster's admin.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubernetesReleaseE2ETest {
    static final String NAMESPACE = "store";
    @TempDir
    static Path work;
    static TestCluster cluster;
    static PipelineHarness harness;
    static ReleaseId first;
    static Verified firstVerdict;

    @BeforeAll
    static void startPipelineOnTheCluster() {
        cluster = TestCluster.fromEnvironment();
        Path monorepo = Monorepos.copy("store", work.resolve("store"));
        Path deploy = PipelineHarness.repo().resolve("deploy");
        cluster.recreateNamespace(NAMESPACE);
        // the release before Slipway, 0.9.0, put on every node by hand and running
        Map<String, Map<String, String>> byHand = new java.util.LinkedHashMap<>();
        for (String service : List.of("web", "api", "ledger", "archive")) {
            byHand.put("slipway-e2e/store-" + service + ":0.9.0", Map.of("SERVICE", service));
        }
        cluster.importByHand(PipelineHarness.engine(), monorepo, "services/app/Dockerfile", byHand, work);
        cluster.apply(null, deploy.resolve("020-Namespace-ServiceAccounts.yaml"), deploy.resolve("040-ClusterRole-verifier-nodes.yaml"),
                deploy.resolve("041-ClusterRole-rollout-nodes.yaml"));
        cluster.apply(NAMESPACE, deploy.resolve("030-Role-rollout.yaml"), deploy.resolve("031-Role-verifier.yaml"),
                monorepo.resolve("kubernetes/store.yaml"), monorepo.resolve("kubernetes/archive.yaml"));
        for (String workload : List.of("deployment/web", "deployment/api", "statefulset/ledger")) {
            cluster.kubectl("-n", NAMESPACE, "rollout", "status", workload, "--timeout=120s");
        }
        Path rollout = cluster.serviceAccountKubeconfig("slipway", "slipway-rollout", work.resolve("rollout.kubeconfig"));
        Path verifier = cluster.serviceAccountKubeconfig("slipway", "slipway-verifier", work.resolve("verifier.kubeconfig"));
        Map<String, String> rolloutConfig = new HashMap<>(cluster.nodeSettings);
        rolloutConfig.put("slipway.kubernetes.kubeconfig", rollout.toString());
        Map<String, String> verifierConfig = new HashMap<>(cluster.nodeSettings);
        verifierConfig.put("slipway.kubernetes.kubeconfig", verifier.toString());
        harness = PipelineHarness.start(PipelineHarness.settings(monorepo, Map.of(), work.resolve("run"))
                .withProperties(PipelineService.DISTRIBUTOR, cluster.nodeSettings)
                .withProperties(PipelineService.ROLLOUT, rolloutConfig)
                .withProperties(PipelineService.VERIFIER, verifierConfig));
        first = harness.release("slipway.yaml", "1.0.0");
        firstVerdict = harness.awaitVerified(first);
    }

    @AfterAll
    static void stopPipeline() {
        if (harness != null) {
            harness.close();
        }
        if (cluster != null) {
            // its pods hold host ports on every node: free them for whatever runs on the cluster next
            cluster.kubectl("delete", "namespace", NAMESPACE, "--wait=false");
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void aGoodReleaseRollsEveryWorkloadOnEveryNodeAndPasses() throws Exception {
        assertThat(firstVerdict.verdict()).as(firstVerdict.diagnosis() + " " + firstVerdict.checks()).isEqualTo(Verdict.PASSED);
        assertThat(firstVerdict.checks()).hasSize(7).allSatisfy(check -> assertThat(check.passed()).as(check.toString()).isTrue());
        assertThat(harness.<RolloutDone>events(EventType.ROLLOUT_DONE, first)).extracting(RolloutDone::outcome)
                .containsOnly(RolloutOutcome.ROLLED_OUT);
        assertThat(imageOf(deployment("web"))).isEqualTo("slipway-e2e/store-web:1.0.0");
        assertThat(imageOf(deployment("api"))).isEqualTo("slipway-e2e/store-api:1.0.0");
        assertThat(cluster.admin.apps().statefulSets().inNamespace(NAMESPACE).withName("ledger").get().getSpec().getTemplate()
                .getSpec().getContainers().get(0).getImage()).isEqualTo("slipway-e2e/store-ledger:1.0.0");
        // api has a pod on every node, each answering on its node's address
        assertThat(runningPods("app=api")).extracting(pod -> pod.getSpec().getNodeName())
                .containsExactlyInAnyOrder("vps-1", "vps-2", "vps-3", "vps-4");
        for (int node = 1; node <= cluster.nodeCount; node++) {
            HttpResponse<String> api = get("http://10.242.0." + (10 + node) + ":18581/api/v1/me");
            assertThat(api.statusCode()).isEqualTo(401);
            assertThat(api.body()).contains("\"error\":\"Unauthorized\"");
        }
        assertThat(runningPods("app=ledger")).hasSize(2).allSatisfy(pod -> assertThat(pod.getSpec().getContainers().get(0)
                .getImage()).isEqualTo("slipway-e2e/store-ledger:1.0.0"));
        assertThat(harness.<Verified>events(EventType.VERIFIED, first)).hasSize(1);
    }

    @Test
    @Order(1)
    void theWorkloadCheckJudgesTheImageIdTheKubeletReportsNotTheTag() {
        RolloutDone api = harness.<RolloutDone>events(EventType.ROLLOUT_DONE, first).stream()
                .filter(done -> done.service().name().value().equals("api")).findFirst().orElseThrow();
        assertThat(runningPods("app=api")).isNotEmpty().allSatisfy(pod -> assertThat(pod.getStatus().getContainerStatuses()
                .get(0).getImageID()).as("what the kubelet reports for an imported image").isEqualTo(api.image().id().value()));

        // a RolloutDone claiming other content under the same tag, for a release the verifier has not seen
        ImageId otherContent = ImageId.of("sha256:" + "0c".repeat(32));
        ReleaseContext context = api.release();
        ReleaseId claimed = ReleaseId.of("store-1.0.0-c0ffee00");
        ReleaseContext claimedContext = new ReleaseContext(claimed, context.release(), context.version(),
                List.of(api.service().name()), context.rollout(),
                context.checks().stream().filter(check -> check.workload() != null
                        && check.workload().service().equals(api.service().name())).toList(),
                context.distribution(), java.time.Instant.now());
        harness.publish(new RolloutDone(claimedContext, api.service(), RolloutOutcome.ROLLED_OUT,
                new BuiltImage(api.image().ref(), otherContent, api.image().sizeBytes(), api.image().layers()), api.nodes(),
                null, api.durationMillis()), claimed);

        Verified verdict = harness.awaitVerified(claimed);
        assertThat(verdict.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(verdict.checks()).singleElement().satisfies(row -> {
            assertThat(row.passed()).isFalse();
            assertThat(row.observed()).contains("pods run " + api.image().id().value()
                    + " under that name, not the release's image (" + otherContent.value() + ")");
        });
    }

    @Test
    @Order(2)
    void aContainerThatCrashesAtStartIsReportedWithItsLogLineAndRolledBack() {
        ReleaseId crash = harness.release("slipway-crash.yaml", "1.1.0");

        Verified verified = harness.awaitVerified(crash);

        assertThat(verified.verdict()).isEqualTo(Verdict.FAILED);
        RolloutDone web = harness.<RolloutDone>events(EventType.ROLLOUT_DONE, crash).get(0);
        assertThat(web.outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
        assertThat(web.diagnosis())
                .contains("Deployment store/web did not roll out to slipway-e2e/store-web:1.1.0")
                .containsPattern("CrashLoopBackOff|RepeatedExit")
                .contains("exited with code 3")
                .contains("Error: @prisma/client did not initialize yet")
                .contains("rolled back: Deployment store/web is back at revision");
        assertThat(verified.diagnosis()).contains("web");
        // back at the previous release's image, every pod of it running again; the history says why
        assertThat(imageOf(deployment("web"))).isEqualTo("slipway-e2e/store-web:1.0.0");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(runningPods("app=web")).hasSize(2)
                .allSatisfy(pod -> assertThat(pod.getSpec().getContainers().get(0).getImage()).isEqualTo("slipway-e2e/store-web:1.0.0")));
        assertThat(cluster.kubectl("-n", NAMESPACE, "rollout", "history", "deployment/web"))
                .contains("slipway release " + crash.value())
                .contains("slipway rollback of release " + crash.value());
        assertThat(harness.<Verified>events(EventType.VERIFIED, crash)).hasSize(1);
    }

    @Test
    @Order(3)
    void anImageThatNeverReachedOneNodeIsReportedByTheKubeletThereAndRolledBack() throws Exception {
        ReleaseId release;
        NodeSshd.stop(4);
        try {
            release = harness.release("slipway-api.yaml", "1.2.0");
            harness.awaitVerified(release);
        } finally {
            NodeSshd.restart(cluster.nodeCount);
        }
        Verified verified = harness.<Verified>events(EventType.VERIFIED, release).get(0);

        assertThat(verified.verdict()).isEqualTo(Verdict.FAILED);
        ImageDistributed distributed = harness.<ImageDistributed>events(EventType.IMAGE_DISTRIBUTED, release).get(0);
        assertThat(distributed.nodes()).filteredOn(node -> node.node().value().equals("vps-4")).singleElement()
                .satisfies(node -> assertThat(node.outcome()).isEqualTo(NodeOutcome.FAILED));
        RolloutDone api = harness.<RolloutDone>events(EventType.ROLLOUT_DONE, release).get(0);
        assertThat(api.outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
        assertThat(api.diagnosis())
                .contains("on node vps-4, container api: ErrImageNeverPull")
                .contains("\"slipway-e2e/store-api:1.2.0\" is not present with pull policy of Never")
                .contains("import FAILED on vps-4")
                .contains("rolled back: Deployment store/api is back at revision");
        assertThat(imageOf(deployment("api"))).isEqualTo("slipway-e2e/store-api:1.0.0");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(runningPods("app=api")).hasSize(4)
                .allSatisfy(pod -> assertThat(pod.getSpec().getContainers().get(0).getImage()).isEqualTo("slipway-e2e/store-api:1.0.0")));
        for (int node = 1; node <= cluster.nodeCount; node++) {
            assertThat(get("http://10.242.0." + (10 + node) + ":18581/api/v1/me").statusCode()).isEqualTo(401);
        }
        assertThat(harness.<Verified>events(EventType.VERIFIED, release)).hasSize(1);
    }

    @Test
    @Order(4)
    void aStatefulSetAlreadyPendingOnAMissingClaimIsReportedAtOnceAndLeftAsItWas() {
        StatefulSet before = cluster.admin.apps().statefulSets().inNamespace(NAMESPACE).withName("archive").get();
        await().atMost(Duration.ofSeconds(30)).until(() -> "Pending".equals(pod("archive-0").getStatus().getPhase())
                && pod("archive-0").getStatus().getConditions().stream().anyMatch(c -> "PodScheduled".equals(c.getType())
                        && "False".equals(c.getStatus())));

        ReleaseId release = harness.release("slipway-archive.yaml", "1.3.0");
        Verified verified = harness.awaitVerified(release);

        assertThat(verified.verdict()).isEqualTo(Verdict.FAILED);
        RolloutDone archive = harness.<RolloutDone>events(EventType.ROLLOUT_DONE, release).get(0);
        assertThat(archive.outcome()).isEqualTo(RolloutOutcome.FAILED);
        assertThat(archive.diagnosis())
                .contains("StatefulSet store/archive was already failing before this release")
                .contains("pod archive-0 (not scheduled on any node): Unschedulable")
                .contains("persistentvolumeclaim \"archive-index\" not found")
                .contains("claim(s) archive-index")
                .contains("was left as it was");
        assertThat(archive.durationMillis()).isLessThan(5_000);
        StatefulSet after = cluster.admin.apps().statefulSets().inNamespace(NAMESPACE).withName("archive").get();
        assertThat(after.getMetadata().getGeneration()).isEqualTo(before.getMetadata().getGeneration());
        assertThat(after.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("slipway-e2e/store-archive:0.9.0");
        assertThat(verified.checks()).filteredOn(c -> c.name().equals("archive volumes bound")).singleElement()
                .satisfies(c -> assertThat(c.observed()).contains("archive-index"));
        assertThat(harness.<Verified>events(EventType.VERIFIED, release)).hasSize(1);
    }

    @Test
    @Order(5)
    void anEndpointAnsweringTheWrongStatusFailsTheReleaseNamingTheCheck() {
        ReleaseId release = harness.release("slipway-wrong-status.yaml", "1.4.0");

        Verified verified = harness.awaitVerified(release);

        assertThat(verified.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(harness.<RolloutDone>events(EventType.ROLLOUT_DONE, release)).extracting(RolloutDone::outcome)
                .containsExactly(RolloutOutcome.ROLLED_OUT);
        assertThat(verified.checks()).singleElement().satisfies(check -> {
            assertThat(check.name()).isEqualTo("api answers 200 on vps-2");
            assertThat(check.passed()).isFalse();
            assertThat(check.observed()).contains("401");
        });
        assertThat(verified.diagnosis()).contains("api answers 200 on vps-2");
        // the rollout itself succeeded: the cluster runs 1.4.0, as the verdict's rows say
        assertThat(imageOf(deployment("api"))).isEqualTo("slipway-e2e/store-api:1.4.0");
        assertThat(harness.<Verified>events(EventType.VERIFIED, release)).hasSize(1);
    }

    @Test
    @Order(6)
    void aVerbMissingFromARoleOfDeployIsNamedWithTheRoleToChange() {
        String deployment = cluster.kubectl("-n", NAMESPACE, "get", "deployment", "web", "-o", "jsonpath={.metadata.generation}");
        // as if someone had trimmed the Roles: the rollout may no longer patch Deployments, the verifier no longer get them
        cluster.kubectl("-n", NAMESPACE, "patch", "role", "slipway-rollout", "--type", "json", "-p",
                "[{\"op\":\"replace\",\"path\":\"/rules/0/verbs\",\"value\":[\"get\",\"list\",\"watch\"]}]");
        cluster.kubectl("-n", NAMESPACE, "patch", "role", "slipway-verifier", "--type", "json", "-p",
                "[{\"op\":\"replace\",\"path\":\"/rules/0/verbs\",\"value\":[\"list\"]}]");
        ReleaseId release;
        try {
            release = harness.release("slipway-web.yaml", "1.5.0");
            harness.awaitVerified(release);
        } finally {
            Path deploy = PipelineHarness.repo().resolve("deploy");
            cluster.apply(NAMESPACE, deploy.resolve("030-Role-rollout.yaml"), deploy.resolve("031-Role-verifier.yaml"));
        }
        Verified verified = harness.<Verified>events(EventType.VERIFIED, release).get(0);

        assertThat(verified.verdict()).isEqualTo(Verdict.FAILED);
        RolloutDone web = harness.<RolloutDone>events(EventType.ROLLOUT_DONE, release).get(0);
        assertThat(web.outcome()).isEqualTo(RolloutOutcome.FAILED);
        assertThat(web.diagnosis()).contains("the API server refused slipway-rollout (system:serviceaccount:slipway:slipway-rollout): "
                + "it may not patch deployments (API group apps) in namespace store; add \"patch\" for deployments to the Role "
                + "slipway-rollout in namespace store (deploy/030-Role-rollout.yaml): kubectl apply -n store -f deploy/030-Role-rollout.yaml")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(verified.checks()).singleElement().satisfies(check -> assertThat(check.observed())
                .contains("the API server refused slipway-verifier (system:serviceaccount:slipway:slipway-verifier): it may not get "
                        + "deployments (API group apps) in namespace store; add \"get\" for deployments to the Role slipway-verifier"));
        // nothing was changed
        assertThat(cluster.kubectl("-n", NAMESPACE, "get", "deployment", "web", "-o", "jsonpath={.metadata.generation}"))
                .isEqualTo(deployment);
        assertThat(harness.<Verified>events(EventType.VERIFIED, release)).hasSize(1);
    }

    private static Deployment deployment(String name) {
        return cluster.admin.apps().deployments().inNamespace(NAMESPACE).withName(name).get();
    }

    private static String imageOf(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    private static Pod pod(String name) {
        return cluster.admin.pods().inNamespace(NAMESPACE).withName(name).get();
    }

    private static List<Pod> runningPods(String selector) {
        return cluster.admin.pods().inNamespace(NAMESPACE).withLabelSelector(selector).list().getItems().stream()
                .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
                .filter(pod -> "Running".equals(pod.getStatus().getPhase()))
                .filter(pod -> pod.getStatus().getContainerStatuses().stream().allMatch(s -> Boolean.TRUE.equals(s.getReady())))
                .toList();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A node's sshd stopped (with the sessions it serves) and started again by scripts/cluster.sh. */
    static final class NodeSshd {
        private NodeSshd() {}

        static void stop(int node) {
            String pidFile = System.getenv().getOrDefault("SLIPWAY_CLUSTER_DIR", "/tmp/slipway-cluster") + "/node" + node + "/sshd.pid";
            TestCluster.run(List.of("sh", "-c", "pid=$(cat " + pidFile + ") && pkill -KILL -P $pid; kill -KILL $pid"),
                    Duration.ofSeconds(10));
        }

        static void restart(int nodes) {
            TestCluster.run(List.of(PipelineHarness.repo().resolve("scripts/cluster.sh").toString(), "start",
                    String.valueOf(nodes)), Duration.ofMinutes(3));
        }
    }
}
