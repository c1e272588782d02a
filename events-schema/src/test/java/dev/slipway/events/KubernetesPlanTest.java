package dev.slipway.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.events.names.ImageRepository;
import dev.slipway.events.names.InvalidNameException;
import dev.slipway.events.names.KubeName;
import dev.slipway.events.names.NodeName;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.ReleaseName;
import dev.slipway.events.names.ServiceName;
import dev.slipway.events.names.Version;
import dev.slipway.events.plan.BuildSpec;
import dev.slipway.events.plan.CheckSpec;
import dev.slipway.events.plan.KubernetesRuntime;
import dev.slipway.events.plan.NodesReadyCheck;
import dev.slipway.events.plan.PodsRunningCheck;
import dev.slipway.events.plan.PullPolicy;
import dev.slipway.events.plan.PvcsBoundCheck;
import dev.slipway.events.plan.ReleasePlan;
import dev.slipway.events.plan.RolloutPolicy;
import dev.slipway.events.plan.ServicePlan;
import dev.slipway.events.plan.WorkloadCheck;
import dev.slipway.events.plan.WorkloadKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubernetesPlanTest {
    private final ServicePlan tax = new ServicePlan(ServiceName.of("svc-tax"), new BuildSpec(".", "services/svc-tax/Dockerfile", Map.of()),
            ImageRepository.of("gx-protocol/svc-tax"), null, new KubernetesRuntime(KubeName.of("backend-mainnet"),
                    WorkloadKind.DEPLOYMENT, KubeName.of("svc-tax"), KubeName.of("svc-tax"), PullPolicy.NEVER));

    @Test
    void aKubernetesReleaseWithEveryClusterCheckKindRoundTrips() {
        ReleasePlan plan = new ReleasePlan(ReleaseName.of("gx-protocol"), List.of(tax), new RolloutPolicy(true, 300), List.of(
                CheckSpec.of("nodes ready", new NodesReadyCheck(List.of(NodeName.of("vps-1")))),
                CheckSpec.of("svc-tax ready", new WorkloadCheck(tax.name())),
                CheckSpec.of("21 fabric pods", new PodsRunningCheck(KubeName.of("fabric"), "app=peer", 21)),
                CheckSpec.of("prometheus volumes", new PvcsBoundCheck(tax.name()))));
        BuildRequested request = new BuildRequested(ReleaseId.of("gx-2.1.0-1"), Version.of("2.1.0"), Instant.EPOCH, plan);

        String json = EventCodec.instance().encode(request);

        assertThat(json).contains("\"kind\":\"Deployment\"", "\"imagePullPolicy\":\"Never\"", "\"podsRunning\"");
        BuildRequested decoded = EventCodec.instance().decode(EventType.BUILD_REQUESTED, json);
        assertThat(decoded).isEqualTo(request);
        assertThat(decoded.plan().checks()).extracting(CheckSpec::kind)
                .containsExactly("nodesReady", "workload", "podsRunning", "pvcsBound");
    }

    @Test
    void aCheckWithTwoKindsIsRefusedByTheRecordAndTheSchema() {
        assertThatThrownBy(() -> new CheckSpec("both", null, null, new NodesReadyCheck(List.of()), new WorkloadCheck(tax.name()),
                null, null)).hasMessageContaining("exactly one of").hasMessageContaining("has nodesReady, workload");
        String json = EventCodec.instance().encode(new BuildRequested(ReleaseId.of("gx-1"), Version.of("1"), Instant.EPOCH,
                new ReleasePlan(ReleaseName.of("gx"), List.of(tax), null,
                        List.of(CheckSpec.of("nodes", new NodesReadyCheck(List.of()))))))
                .replace("\"nodesReady\":{\"nodes\":[]}", "\"nodesReady\":{\"nodes\":[]},\"workload\":{\"service\":\"svc-tax\"}");
        assertThat(EventCodec.instance().validate(EventType.BUILD_REQUESTED, json)).isNotNull();
    }

    @Test
    void kubernetesNamesAreValidated() {
        assertThatThrownBy(() -> KubeName.of("Backend_Mainnet")).isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> new PodsRunningCheck(KubeName.of("fabric"), "app=peer; rm -rf /", 1))
                .hasMessageContaining("not a label selector");
    }
}
