package dev.slipway.rollout.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.BuiltImage;
import dev.slipway.events.NodeOutcome;
import dev.slipway.events.NodeResult;
import dev.slipway.events.names.ContainerName;
import dev.slipway.events.names.NodeName;
import dev.slipway.events.names.ServiceName;
import dev.slipway.events.plan.ServicePlan;
import dev.slipway.rollout.testing.Events;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DiagnosesTest {
    private static final ServiceName API = ServiceName.of("api");
    private static final NodeName LOCAL = NodeName.of("local");
    private static final ContainerName CONTAINER = ContainerName.of("example-api");
    private final Instant t0 = Instant.parse("2026-11-27T05:00:00Z");

    @Test
    void anExitNamesServiceNodeContainerExitCodeAndTheLastLogLine() {
        ContainerState exited = new ContainerState(ContainerStatus.EXITED, 3, t0, t0.plusMillis(400), 0, false, Health.NONE,
                null, null);
        String text = Diagnoses.startupFailure(API, LOCAL, CONTAINER,
                new StartupFailure(StartupFailure.Kind.EXITED, exited, Duration.ofMillis(500)),
                List.of("fatal: DATABASE_URL is not set"));
        assertThat(text).isEqualTo("service api on node local: container example-api exited with code 3 within 0.4 s; "
                + "last log lines: \"fatal: DATABASE_URL is not set\"");
    }

    @Test
    void aSilentCrashSaysItWroteNothing() {
        ContainerState exited = new ContainerState(ContainerStatus.EXITED, 137, t0, t0.plusSeconds(1), 0, true, Health.NONE,
                null, null);
        assertThat(Diagnoses.startupFailure(API, LOCAL, CONTAINER,
                new StartupFailure(StartupFailure.Kind.EXITED, exited, Duration.ofSeconds(1)), List.of()))
                .contains("killed for lack of memory (OOM) with code 137").endsWith("it wrote no log lines");
    }

    @Test
    void aTimeoutSaysWhatTheContainerWasDoingAndWhatToChange() {
        ContainerState starting = new ContainerState(ContainerStatus.RUNNING, 0, t0, null, 0, false, Health.STARTING, null, null);
        assertThat(Diagnoses.startupFailure(API, LOCAL, CONTAINER,
                new StartupFailure(StartupFailure.Kind.TIMED_OUT, starting, Duration.ofSeconds(30)), List.of("listening")))
                .contains("did not come up within 30.0 s (status running, health starting)")
                .contains("rollout.timeoutSeconds");
    }

    @Test
    void aMissingImageCrossReferencesTheDistribution() {
        ServicePlan service = Events.service("api", CONTAINER, 18080);
        BuiltImage image = Events.image(service, "2.1.0", Events.fakeId('a'));
        assertThat(Diagnoses.imageMissing(API, LOCAL, image, Optional.empty()))
                .contains("image slipway-test-rollout/api:2.1.0 (sha256:aaaa")
                .contains("image-distributed has no result for this node");
        assertThat(Diagnoses.imageMissing(API, LOCAL, image,
                Optional.of(new NodeResult(LOCAL, NodeOutcome.IMPORTED, 10, 1, null))))
                .contains("image-distributed reported IMPORTED for this node");
    }

    @Test
    void logLinesAreQuotedOnOneLineEach() {
        assertThat(Diagnoses.logExcerpt(List.of("a \"quoted\" word", "", "last\r")))
                .isEqualTo("last log lines: \"a \\\"quoted\\\" word\", \"last\"");
    }
}
