package dev.slipway.rollout.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.EventCodec;
import dev.slipway.events.EventType;
import dev.slipway.events.ImageDistributed;
import dev.slipway.events.RegistryOutcome;
import dev.slipway.events.ReleaseContext;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.events.names.ImageRef;
import dev.slipway.events.plan.RolloutPolicy;
import dev.slipway.rollout.decision.WorkloadPatches;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kubernetes target when the distributor pushed the image to a registry: the workload pulls the registry's
 * reference with IfNotPresent, whatever the plan's pull policy (the plans here say Never, for imported images).
 */
class RegistryRolloutTest {
    private ClusterFixture fixture;

    @BeforeEach
    void startCluster() {
        fixture = new ClusterFixture();
    }

    @AfterEach
    void stopCluster() {
        fixture.close();
    }

    @Test
    void theWorkloadPullsTheRegistryReferenceIfNotPresentAndRolloutDoneNamesIt() {
        fixture.running("svc-tax", "2.0.0", 4);
        ReleaseContext release = KubeEvents.release("2.1.0", new RolloutPolicy(false, 60), List.of("svc-tax"));
        ImageDistributed distributed = KubeEvents.inRegistry(
                KubeEvents.distributed(release, KubeEvents.deployment("svc-tax"), List.of(), Map.of()), RegistryOutcome.PUSHED);
        String pulled = KubeEvents.registryImage("svc-tax", "2.1.0");
        String pinned = pulled + "@" + KubeEvents.REGISTRY_DIGEST;

        RolloutDone done = fixture.stage.roll(distributed);

        assertValid(done);
        assertThat(done.outcome()).as(done.diagnosis()).isEqualTo(RolloutOutcome.ROLLED_OUT);
        assertThat(done.image().ref()).isEqualTo(ImageRef.parse(pulled));
        assertThat(done.image().digest()).isEqualTo(KubeEvents.REGISTRY_DIGEST);
        assertThat(done.image().id()).isEqualTo(distributed.image().id());
        assertThat(done.nodes()).extracting(n -> n.node().value()).containsExactlyElementsOf(KubeEvents.NODES);
        Deployment deployment = fixture.deployment("svc-tax");
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).as("deployed by the registry's digest, not the mutable tag").isEqualTo(pinned);
        assertThat(container.getImagePullPolicy()).isEqualTo("IfNotPresent");
        assertThat(deployment.getMetadata().getAnnotations())
                .containsEntry(WorkloadPatches.CHANGE_CAUSE_ANNOTATION, "slipway release gx-2.1.0-0a1b2c3d: " + pinned);
        assertThat(podsOf("svc-tax")).hasSize(4)
                .allSatisfy(p -> assertThat(p.getSpec().getContainers().get(0).getImage()).isEqualTo(pinned));
    }

    @Test
    void anImageTheRegistryAlreadyHeldIsRolledOutTheSameWay() {
        fixture.running("svc-admin", "2.0.0", 2);
        ReleaseContext release = KubeEvents.release("2.1.0", new RolloutPolicy(false, 60), List.of("svc-admin"));

        RolloutDone done = fixture.stage.roll(KubeEvents.inRegistry(
                KubeEvents.distributedEverywhere(release, KubeEvents.deployment("svc-admin")), RegistryOutcome.ALREADY_PRESENT));

        assertThat(done.outcome()).as(done.diagnosis()).isEqualTo(RolloutOutcome.ROLLED_OUT);
        assertThat(done.image().ref().value()).isEqualTo(KubeEvents.registryImage("svc-admin", "2.1.0"));
        assertThat(fixture.deployment("svc-admin").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo(KubeEvents.registryImage("svc-admin", "2.1.0") + "@" + KubeEvents.REGISTRY_DIGEST);
    }

    @Test
    void aNodeThatCannotPullFromTheRegistryFailsNamingTheRegistryAndTheReference() {
        fixture.running("svc-tax", "2.0.0", 4);
        String pulled = KubeEvents.registryImage("svc-tax", "2.1.0");
        fixture.cluster.failsWith(pulled + "@" + KubeEvents.REGISTRY_DIGEST, "ErrImagePull", "failed to pull and unpack image \"" + pulled
                + "\": failed to resolve reference \"" + pulled + "\": pulling from host " + KubeEvents.REGISTRY
                + " failed with status code [manifests 2.1.0]: 401 Unauthorized");
        ReleaseContext release = KubeEvents.release("2.1.0", new RolloutPolicy(false, 60), List.of("svc-tax"));

        RolloutDone done = fixture.stage.roll(KubeEvents.inRegistry(
                KubeEvents.distributed(release, KubeEvents.deployment("svc-tax"), List.of(), Map.of()), RegistryOutcome.PUSHED));

        assertValid(done);
        assertThat(done.outcome()).isEqualTo(RolloutOutcome.FAILED);
        assertThat(done.durationMillis()).isLessThan(5_000);
        assertThat(done.diagnosis())
                .startsWith("service svc-tax: Deployment backend-mainnet/svc-tax did not roll out to " + pulled + ": pod svc-tax-")
                .contains(": ErrImagePull: failed to pull and unpack image")
                .contains("401 Unauthorized")
                .containsPattern("node vps-[1-4] could not pull " + pulled.replace(".", "\\.") + " from the registry "
                        + KubeEvents.REGISTRY.replace(".", "\\.") + ", where image-distributed reported it PUSHED \\(manifest sha256:7d7d")
                .contains("check that the node reaches " + KubeEvents.REGISTRY + " and may pull from it")
                .doesNotContain("no IMPORTED result");
    }

    @Test
    void aFailedPushLeavesTheBuiltReferenceAndThePlansPullPolicy() {
        fixture.running("projector", "2.0.0", 1);
        fixture.cluster.imported(KubeEvents.image("projector", "2.1.0"));
        ReleaseContext release = KubeEvents.release("2.1.0", new RolloutPolicy(false, 60), List.of("projector"));

        RolloutDone done = fixture.stage.roll(KubeEvents.inRegistry(
                KubeEvents.distributedEverywhere(release, KubeEvents.deployment("projector")), RegistryOutcome.FAILED));

        assertThat(done.outcome()).as(done.diagnosis()).isEqualTo(RolloutOutcome.ROLLED_OUT);
        assertThat(done.image().ref().value()).isEqualTo(KubeEvents.image("projector", "2.1.0"));
        Container container = fixture.deployment("projector").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo(KubeEvents.image("projector", "2.1.0"));
        assertThat(container.getImagePullPolicy()).isEqualTo("Never");
    }

    @Test
    void aRedeliveredRegistryRolloutWritesNothing() {
        fixture.running("svc-identity", "2.0.0", 3);
        ReleaseContext release = KubeEvents.release("2.1.0", new RolloutPolicy(false, 60), List.of("svc-identity"));
        ImageDistributed distributed = KubeEvents.inRegistry(
                KubeEvents.distributedEverywhere(release, KubeEvents.deployment("svc-identity")), RegistryOutcome.PUSHED);
        assertThat(fixture.stage.roll(distributed).outcome()).isEqualTo(RolloutOutcome.ROLLED_OUT);
        Deployment rolledOut = fixture.awaitRolledOut("svc-identity");
        int requestsBefore = fixture.cluster.requests().size();

        RolloutDone again = fixture.stage.roll(distributed);

        assertThat(again.outcome()).isEqualTo(RolloutOutcome.ROLLED_OUT);
        assertThat(again.image().ref().value()).isEqualTo(KubeEvents.registryImage("svc-identity", "2.1.0"));
        assertThat(fixture.cluster.requests().subList(requestsBefore, fixture.cluster.requests().size()))
                .as("no write but taking and giving back the workload's Lease")
                .filteredOn(r -> !r.path().startsWith("/apis/coordination.k8s.io/"))
                .noneMatch(r -> List.of("PATCH", "PUT", "POST", "DELETE").contains(r.method()));
        assertThat(fixture.deployment("svc-identity").getMetadata().getGeneration())
                .isEqualTo(rolledOut.getMetadata().getGeneration());
    }

    private List<Pod> podsOf(String service) {
        return fixture.cluster.client().pods().inNamespace(KubeEvents.NAMESPACE).withLabel("app", service).list().getItems();
    }

    private static void assertValid(RolloutDone done) {
        assertThat(EventCodec.instance().validate(EventType.ROLLOUT_DONE, EventCodec.instance().encode(done))).isNull();
    }
}
