package dev.slipway.rollout.decision;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.kubernetes.observed.ObservedReplicaSet;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class RevisionsTest {
    private static PodTemplateSpec template(String image) {
        return new PodTemplateSpecBuilder().withNewMetadata().addToLabels("app", "svc-tax").endMetadata()
                .withNewSpec().addNewContainer().withName("svc-tax").withImage(image).endContainer().endSpec().build();
    }

    private static final Deployment DEPLOYMENT = new DeploymentBuilder().withNewMetadata().withName("svc-tax").withUid("d1")
            .endMetadata().withNewSpec().withTemplate(template("gx-protocol/svc-tax:2.1.0")).endSpec().build();

    private static ReplicaSet replicaSet(String uid, String owner, long revision, String image, String hash) {
        PodTemplateSpec template = new PodTemplateSpecBuilder(template(image)).editMetadata()
                .addToLabels(Revisions.POD_TEMPLATE_HASH, hash).endMetadata().build();
        return new ReplicaSetBuilder().withNewMetadata().withName("svc-tax-" + hash).withUid(uid)
                .addToAnnotations(Revisions.REVISION_ANNOTATION, Long.toString(revision))
                .addNewOwnerReference().withUid(owner).withKind("Deployment").withName("svc-tax").endOwnerReference()
                .endMetadata().withNewSpec().withTemplate(template).endSpec().build();
    }

    @Test
    void theCurrentReplicaSetRunsTheDeploymentsTemplateIgnoringItsHash() {
        ReplicaSet old = replicaSet("r1", "d1", 4, "gx-protocol/svc-tax:2.0.0", "aaa");
        ReplicaSet current = replicaSet("r2", "d1", 5, "gx-protocol/svc-tax:2.1.0", "bbb");
        assertThat(Revisions.current(Observed.workload(DEPLOYMENT), Observed.replicaSets(List.of(old, current))))
                .contains(Observed.replicaSet(current));
    }

    @Test
    void thePreviousRevisionIsTheHighestOwnedOneBelowTheCurrent() {
        ReplicaSet older = replicaSet("r0", "d1", 3, "gx-protocol/svc-tax:1.9.0", "ccc");
        ReplicaSet previous = replicaSet("r1", "d1", 4, "gx-protocol/svc-tax:2.0.0", "aaa");
        ReplicaSet current = replicaSet("r2", "d1", 5, "gx-protocol/svc-tax:2.1.0", "bbb");
        ReplicaSet someoneElses = replicaSet("r9", "other", 7, "gx-protocol/svc-tax:0.1.0", "ddd");
        assertThat(Revisions.previous(Observed.workload(DEPLOYMENT),
                Observed.replicaSets(List.of(older, current, someoneElses, previous)))).contains(Observed.replicaSet(previous));
        assertThat(Revisions.previous(Observed.workload(DEPLOYMENT), Observed.replicaSets(List.of(current)))).isEmpty();
    }

    @Test
    void goingBackStripsThePodTemplateHash() {
        ReplicaSet previous = replicaSet("r1", "d1", 4, "gx-protocol/svc-tax:2.0.0", "aaa");
        ObservedReplicaSet observed = Observed.replicaSet(previous);
        ObjectNode back = Revisions.withoutHash(observed.template());
        assertThat(back.path("metadata").path("labels").toString()).isEqualTo("{\"app\":\"svc-tax\"}");
        assertThat(back.path("spec").path("containers").get(0).path("image").asText()).isEqualTo("gx-protocol/svc-tax:2.0.0");
        assertThat(observed.template().path("metadata").path("labels").has(Revisions.POD_TEMPLATE_HASH)).isTrue();
    }
}
