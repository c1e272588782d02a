package dev.slipway.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.events.names.ImageId;
import dev.slipway.events.names.ImageRef;
import dev.slipway.events.names.ImageRepository;
import dev.slipway.events.names.NodeName;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.ReleaseName;
import dev.slipway.events.names.ServiceName;
import dev.slipway.events.names.Version;
import dev.slipway.events.names.ContainerName;
import dev.slipway.events.plan.BuildSpec;
import dev.slipway.events.plan.CheckSpec;
import dev.slipway.events.plan.ContainerCheck;
import dev.slipway.events.plan.DistributionPolicy;
import dev.slipway.events.plan.DockerRuntime;
import dev.slipway.events.plan.NodeFailurePolicy;
import dev.slipway.events.plan.HttpCheck;
import dev.slipway.events.plan.PortBinding;
import dev.slipway.events.plan.ReleasePlan;
import dev.slipway.events.plan.RolloutPolicy;
import dev.slipway.events.plan.ServicePlan;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventCodecTest {
    private final EventCodec codec = EventCodec.instance();
    private final ServicePlan api = new ServicePlan(ServiceName.of("api"),
            new BuildSpec(".", "services/api/Dockerfile", Map.of("SERVICE", "api")), ImageRepository.of("slipway-example/api"),
            new DockerRuntime(ContainerName.of("example-api"), List.of(new PortBinding("127.0.0.1", 18081, 8080)),
                    Map.of("MODE", "demo"), Map.of()));
    private final ReleasePlan plan = new ReleasePlan(ReleaseName.of("example"), List.of(api), new RolloutPolicy(true, 30),
            List.of(new CheckSpec("api answers 401", new HttpCheck(URI.create("http://127.0.0.1:18081/api/v1/me"),
                    List.of(401), "Unauthorized", 5), null),
                    new CheckSpec("api container", null, new ContainerCheck(ServiceName.of("api")))));
    private final BuildRequested request = new BuildRequested(ReleaseId.of("example-2.1.0-0a1b2c3d"), Version.of("2.1.0"),
            Instant.parse("2026-11-27T05:00:00Z"), plan);
    private final ReleaseContext context = ReleaseContext.of(request);
    private final BuiltImage image = new BuiltImage(api.image().at(Version.of("2.1.0")),
            ImageId.of("sha256:" + "a".repeat(64)), 2_000_000, 2);

    @Test
    void everyEventTypeRoundTripsThroughItsSchema() {
        List<Object> events = List.of(request,
                new ImageBuilt(context, api, StageOutcome.SUCCEEDED, image, 512, null),
                new ImageDistributed(context, api, StageOutcome.SUCCEEDED, image,
                        List.of(new NodeResult(NodeName.of("vps-1"), NodeOutcome.IMPORTED, 2_000_000, 140, null)), null),
                new RolloutDone(context, api, RolloutOutcome.ROLLED_OUT, image,
                        List.of(new NodeRollout(NodeName.of("vps-1"), RolloutOutcome.ROLLED_OUT, "example-api", null)), null, 900),
                new Verified(context.releaseId(), context.release(), context.version(), Verdict.PASSED,
                        List.of(new ServiceResult(api.name(), RolloutOutcome.ROLLED_OUT, null)),
                        List.of(new CheckResult("api answers 401", "http", "status 401", "status 401", true)), null));
        for (Object event : events) {
            String json = codec.encode(event);
            Object decoded = codec.decode(EventType.of(event.getClass()), json);
            assertThat(decoded).isEqualTo(event);
        }
    }

    @Test
    void aRolloutRowCarriesThePreviousImageAndAnOlderRowWithoutItStillDecodes() {
        RolloutDone done = new RolloutDone(context, api, RolloutOutcome.ROLLED_OUT, image,
                List.of(new NodeRollout(NodeName.of("vps-1"), RolloutOutcome.ROLLED_OUT, "example-api", null,
                        "example/api:2.0.0")), null, 900);
        String json = codec.encode(done);

        assertThat(json).contains("\"previousImage\":\"example/api:2.0.0\"");
        Object decoded = codec.decode(EventType.ROLLOUT_DONE, json);
        assertThat(decoded).isEqualTo(done);
        RolloutDone older = (RolloutDone) codec.decode(EventType.ROLLOUT_DONE, json.replace(",\"previousImage\":\"example/api:2.0.0\"", ""));
        assertThat(older.nodes()).extracting(NodeRollout::previousImage).containsExactly((String) null);
    }

    @Test
    void warmingUpEncodesAndDecodesEveryTypeWithoutComplaint() {
        codec.warmUp();
        codec.warmUp();
    }

    @Test
    void everyEventsIdIsDerivedFromWhatItSaysSoARepeatHasTheSameId() {
        ImageBuilt built = new ImageBuilt(context, api, StageOutcome.SUCCEEDED, image, 512, null);
        ImageBuilt builtAgainSlower = new ImageBuilt(context, api, StageOutcome.SUCCEEDED, image, 9_000, null);
        ImageBuilt failed = new ImageBuilt(context, api, StageOutcome.FAILED, null, 10, "no engine");

        assertThat(EventIds.of(request)).isEqualTo("example-2.1.0-0a1b2c3d/build-requested");
        assertThat(EventIds.of(built)).isEqualTo("example-2.1.0-0a1b2c3d/image-built/api/SUCCEEDED")
                .isEqualTo(EventIds.of(builtAgainSlower));
        assertThat(EventIds.of(failed)).isEqualTo("example-2.1.0-0a1b2c3d/image-built/api/FAILED");
        assertThat(EventIds.of(new RolloutDone(context, api, RolloutOutcome.ROLLED_BACK, image, List.of(), "crash", 1)))
                .isEqualTo("example-2.1.0-0a1b2c3d/rollout-done/api/ROLLED_BACK");
        assertThat(EventIds.of(new Verified(context.releaseId(), context.release(), context.version(), Verdict.FAILED,
                List.of(), List.of(), "x"))).isEqualTo("example-2.1.0-0a1b2c3d/verified");
    }

    @Test
    void aFailedBuildWithoutItsErrorIsRefusedOnTheWayOut() {
        ImageBuilt failed = new ImageBuilt(context, api, StageOutcome.FAILED, null, 10, null);
        assertThatThrownBy(() -> codec.encode(failed)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("error");
    }

    @Test
    void recordsThatAreNotEventsAreRejectedWithTheReason() {
        assertThatThrownBy(() -> codec.decode(EventType.BUILD_REQUESTED, "{not json"))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> codec.decode(EventType.BUILD_REQUESTED, "{\"releaseId\":\"x\"}"))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("version");
        String evil = codec.encode(request).replace("\"name\":\"api\"", "\"name\":\"svc;rm -rf /\"");
        assertThatThrownBy(() -> codec.decode(EventType.BUILD_REQUESTED, evil))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("name");
    }

    @Test
    void theDistributionPolicyAndTheRegistryResultRoundTrip() {
        ReleasePlan tolerant = new ReleasePlan(plan.release(), plan.services(), plan.rollout(), plan.checks(),
                new DistributionPolicy(NodeFailurePolicy.CONTINUE));
        ReleaseContext tolerantContext = ReleaseContext.of(new BuildRequested(request.releaseId(), request.version(),
                request.requestedAt(), tolerant));
        ImageDistributed pushed = new ImageDistributed(tolerantContext, api, StageOutcome.SUCCEEDED, image, List.of(),
                new RegistryResult("127.0.0.1:5000", ImageRef.parse("127.0.0.1:5000/slipway-example/api:2.1.0"),
                        "sha256:" + "b".repeat(64), RegistryOutcome.PUSHED, 2_000_000, 300, null), null);
        ImageDistributed decoded = codec.decode(EventType.IMAGE_DISTRIBUTED, codec.encode(pushed));
        assertThat(decoded).isEqualTo(pushed);
        assertThat(decoded.release().distribution().nodeFailureFailsService()).isFalse();
        assertThat(decoded.registryRef()).contains(ImageRef.parse("127.0.0.1:5000/slipway-example/api:2.1.0"));
    }

    @Test
    void recordsWrittenBeforeThePolicyAndTheRegistryExistedStillDecode() {
        ImageDistributed old = new ImageDistributed(context, api, StageOutcome.SUCCEEDED, image, List.of(), null);
        String json = codec.encode(old).replace(",\"distribution\":{\"onNodeFailure\":\"FAIL_SERVICE\"}", "");
        assertThat(json).doesNotContain("distribution").doesNotContain("registry");
        ImageDistributed decoded = codec.decode(EventType.IMAGE_DISTRIBUTED, json);
        assertThat(decoded.release().distribution()).isEqualTo(DistributionPolicy.DEFAULT);
        assertThat(decoded.registryRef()).isEmpty();
    }

    @Test
    void aFailedPushWithoutItsErrorIsRefused() {
        ImageDistributed failed = new ImageDistributed(context, api, StageOutcome.FAILED, image, List.of(),
                new RegistryResult("127.0.0.1:5000", ImageRef.parse("127.0.0.1:5000/slipway-example/api:2.1.0"), null,
                        RegistryOutcome.FAILED, 0, 30, null), "push failed");
        assertThatThrownBy(() -> codec.encode(failed)).isInstanceOf(IllegalStateException.class).hasMessageContaining("error");
    }

    @Test
    void unknownFieldsFromANewerProducerAreIgnored() {
        String newer = codec.encode(request).replaceFirst("\\{", "{\"addedLater\":true,");
        assertThat(codec.<BuildRequested>decode(EventType.BUILD_REQUESTED, newer)).isEqualTo(request);
    }
}
