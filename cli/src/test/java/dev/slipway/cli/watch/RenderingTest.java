package dev.slipway.cli.watch;

import dev.slipway.record.StageTimings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.record.ReleaseEvent;
import dev.slipway.record.testing.ShopRelease;
import dev.slipway.events.EventType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenderingTest {
    private final ShopRelease release = new ShopRelease("shop-2.1.0-5f3a9c1e");

    @Test
    void showsEachStageOfAServiceOnOneLine() {
        assertThat(ProgressLine.of(event(EventType.BUILD_REQUESTED, release.request, 0)))
                .isEqualTo("shop     build-requested   REQUESTED   version 2.1.0, services web, api");
        assertThat(ProgressLine.of(event(EventType.IMAGE_BUILT, release.built("api"), 0)))
                .isEqualTo("api      image-built       SUCCEEDED   sha256:1a2b3c4d5e6f… 2.1 MB 0.6 s");
        assertThat(ProgressLine.of(event(EventType.IMAGE_DISTRIBUTED, release.distributed("api"), 0)))
                .isEqualTo("api      image-distributed SUCCEEDED   local IMPORTED 2.1 MB 0.1 s");
        assertThat(ProgressLine.of(event(EventType.ROLLOUT_DONE, release.rolledOut("api"), 0)))
                .isEqualTo("api      rollout-done      ROLLED_OUT  local shop-api 0.4 s");
        assertThat(ProgressLine.of(event(EventType.VERIFIED, release.passed(), 0)))
                .isEqualTo("shop     verified          PASSED      1/1 checks passed");
    }

    @Test
    void tabulatesAPassedVerdictWithARowPerServiceAndCheck() {
        assertThat(VerdictTable.render(release.passed())).isEqualTo("""
                release shop-2.1.0-5f3a9c1e (shop 2.1.0): PASSED

                                              expected                                  observed                                   result
                service web                   ROLLED_OUT                                ROLLED_OUT                                 pass
                service api                   ROLLED_OUT                                ROLLED_OUT                                 pass
                check api answers 401 (http)  status 401, body contains 'Unauthorized'  status 401, body {"error":"Unauthorized"}  pass
                """);
    }

    @Test
    void endsAFailedVerdictWithTheDiagnosis() {
        String diagnosis = "api on node local: container shop-api exited with code 1; last log line: "
                + "@prisma/client did not initialize yet; rolled back to the previous image";

        String table = VerdictTable.render(release.failed(diagnosis));

        assertThat(table)
                .startsWith("release shop-2.1.0-5f3a9c1e (shop 2.1.0): FAILED\n")
                .contains("service api                   ROLLED_OUT                                ROLLED_BACK         FAIL")
                .contains("check api answers 401 (http)  status 401, body contains 'Unauthorized'  connection refused  FAIL")
                .endsWith("\ndiagnosis:\n  " + diagnosis + "\n");
    }

    @Test
    void timesEachStageFromTheLastEventOfThePreviousOne() {
        List<ReleaseEvent> events = List.of(
                event(EventType.BUILD_REQUESTED, release.request, 0),
                event(EventType.IMAGE_BUILT, release.built("web"), 700),
                event(EventType.IMAGE_BUILT, release.built("api"), 1200),
                event(EventType.IMAGE_DISTRIBUTED, release.distributed("web"), 1500),
                event(EventType.IMAGE_DISTRIBUTED, release.distributed("api"), 1600),
                event(EventType.ROLLOUT_DONE, release.rolledOut("web"), 2500),
                event(EventType.ROLLOUT_DONE, release.rolledOut("api"), 2600),
                event(EventType.VERIFIED, release.passed(), 3000));

        assertThat(StageTimings.render(events)).contains("""
                stage timings (from event times):
                  build          1.2 s
                  distribute     0.4 s
                  rollout        1.0 s
                  verify         0.4 s
                  total          3.0 s
                """);
    }

    @Test
    void hasNoTimingsWithoutTheVerdict() {
        assertThat(StageTimings.render(List.of(event(EventType.BUILD_REQUESTED, release.request, 0)))).isEmpty();
    }

    private ReleaseEvent event(EventType type, Object event, long millis) {
        return new ReleaseEvent(type, release.id.value(), Instant.parse("2026-11-27T05:00:00Z").plusMillis(millis), event);
    }
}
