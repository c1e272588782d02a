package dev.slipway.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.record.AuditRecord.Failure;
import dev.slipway.record.ReleaseEvent;
import dev.slipway.record.testing.ShopRelease;
import dev.slipway.events.EventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AuditRecordTest {
    private static final Instant T0 = Instant.parse("2026-11-27T05:00:00Z");
    private final ShopRelease release = new ShopRelease("shop-2.1.0-5f3a9c1e");

    @Test
    void theSameEventsInAnotherOrderAndWithDuplicatesGiveTheSameBytes() {
        List<ReleaseEvent> events = passedRelease();
        List<ReleaseEvent> shuffled = new ArrayList<>(events);
        shuffled.add(at(EventType.IMAGE_BUILT, release.built("web"), 9_000)); // redelivered later: same id
        shuffled.add(at(EventType.VERIFIED, release.passed(), 20_000));
        Collections.shuffle(shuffled, new Random(7));

        AuditRecord first = RecordAssembler.assemble(release.id.value(), events);
        AuditRecord second = RecordAssembler.assemble(release.id.value(), shuffled);

        assertThat(MarkdownRecord.render(second)).isEqualTo(MarkdownRecord.render(first));
        assertThat(JsonRecord.render(second)).isEqualTo(JsonRecord.render(first));
        assertThat(second.services()).allSatisfy(s -> assertThat(s.builds()).hasSize(1));
    }

    @Test
    void recordsWhatWasAskedAndWhatEachStageDidToEachService() {
        AuditRecord record = RecordAssembler.assemble(release.id.value(), passedRelease());

        String markdown = MarkdownRecord.render(record);

        assertThat(markdown).startsWith("# Release shop-2.1.0-5f3a9c1e\n\n**PASSED**\n\n## Request\n")
                .contains("| services | web, api |", "| requested at | 2026-11-27T05:00:00Z |", "| commit | none recorded |")
                .contains("| web | SUCCEEDED | slipway-example/web:2.1.0 | sha256:1a2b3c4d5e6f" + "0".repeat(52)
                        + " | 2100000 (2.1 MB) | 2 | 0.6 s | - |")
                .contains("| api | local | IMPORTED | 2100000 (2.1 MB) | 0.1 s | - |")
                .contains("| api | local | shop-api | not recorded | slipway-example/api:2.1.0 | ROLLED_OUT | 0.4 s | - |")
                .contains("## Failures\n\nNone.\n")
                .contains("| api answers 401 | http | status 401, body contains 'Unauthorized' | status 401, body {\"error\":\"Unauthorized\"} | pass |")
                .contains("| build | 3.0 s |", "| total | 12.0 s |");
        assertThat(record.totalMillis()).isEqualTo(12_000L);
    }

    @Test
    void aWorkloadShowsTheImageItRanBeforeTheRelease() throws Exception {
        dev.slipway.events.RolloutDone done = release.rolledOut("api");
        dev.slipway.events.RolloutDone replacing = new dev.slipway.events.RolloutDone(done.release(), done.service(),
                done.outcome(), done.image(), done.nodes().stream().map(n -> n.withPreviousImage("slipway-example/api:2.0.0")).toList(),
                null, done.durationMillis());
        List<ReleaseEvent> events = new ArrayList<>(passedRelease());
        events.removeIf(e -> e.type() == EventType.ROLLOUT_DONE && e.service().orElse("").equals("api"));
        events.add(at(EventType.ROLLOUT_DONE, replacing, 7_000));

        AuditRecord record = RecordAssembler.assemble(release.id.value(), events);

        assertThat(MarkdownRecord.render(record))
                .contains("| api | local | shop-api | slipway-example/api:2.0.0 | slipway-example/api:2.1.0 | ROLLED_OUT | 0.4 s | - |")
                .contains("| web | local | shop-web | not recorded | slipway-example/web:2.1.0 | ROLLED_OUT | 0.4 s | - |");
        JsonNode json = new ObjectMapper().readTree(JsonRecord.render(record));
        assertThat(json.toString()).contains("\"previousImage\":\"slipway-example/api:2.0.0\"");
    }

    @Test
    void aFailedReleaseNamesEachFailureWithTheStageItCameFromAndTheDiagnosis() throws Exception {
        String diagnosis = "api on node local: container shop-api exited with code 1\nlast log line: boom";
        List<ReleaseEvent> events = List.of(
                at(EventType.BUILD_REQUESTED, release.request, 0),
                at(EventType.IMAGE_BUILT, release.built("api"), 1_000),
                at(EventType.IMAGE_DISTRIBUTED, release.distributed("api"), 2_000),
                at(EventType.ROLLOUT_DONE, release.rolledBack("api", diagnosis), 5_000),
                at(EventType.VERIFIED, release.failed(diagnosis), 6_000));

        AuditRecord record = RecordAssembler.assemble(release.id.value(), events);

        assertThat(record.outcome().state()).isEqualTo("FAILED");
        assertThat(record.failures()).containsExactly(
                new Failure("rollout", "api", "local", null, "ROLLED_BACK", diagnosis),
                new Failure("verify", null, null, "api answers 401", "FAILED",
                        "expected status 401, body contains 'Unauthorized'; observed connection refused"));
        String markdown = MarkdownRecord.render(record);
        assertThat(markdown).startsWith("# Release shop-2.1.0-5f3a9c1e\n\n**FAILED**\n")
                .contains("| rollout | api | local | - | ROLLED_BACK | api on node local: container shop-api exited with code 1<br>last log line: boom |")
                .contains("## Verdict\n\nFAILED at 2026-11-27T05:00:06Z\n\nDiagnosis:\n\n    api on node local: container shop-api exited with code 1\n    last log line: boom\n");
        JsonNode json = new ObjectMapper().readTree(JsonRecord.render(record));
        assertThat(json.at("/failures/0/stage").asText()).isEqualTo("rollout");
        assertThat(json.at("/failures/0/diagnosis").asText()).isEqualTo(diagnosis);
        assertThat(json.at("/outcome/state").asText()).isEqualTo("FAILED");
    }

    @Test
    void aReleaseInProgressSaysHowFarItGotAndHasNoTotal() {
        List<ReleaseEvent> events = List.of(at(EventType.BUILD_REQUESTED, release.request, 0),
                at(EventType.IMAGE_BUILT, release.built("web"), 3_000));

        AuditRecord record = RecordAssembler.assemble(release.id.value(), events);

        assertThat(record.outcome().finished()).isFalse();
        assertThat(record.outcome().lastStage()).isEqualTo("image-built");
        assertThat(record.totalMillis()).isNull();
        assertThat(MarkdownRecord.render(record))
                .contains("**IN PROGRESS (no verdict yet; last stage reached: image-built)**")
                .contains("## Checks\n\nNot run yet.\n", "## Verdict\n\nNo verdict yet.\n", "| build | 3.0 s |")
                .doesNotContain("| total |");
        assertThat(HistoryRow.of(record).state()).isEqualTo("at image-built");
    }

    @Test
    void jsonHasItsFieldsInNameOrder() throws Exception {
        String json = JsonRecord.render(RecordAssembler.assemble(release.id.value(), passedRelease()));

        JsonNode tree = new ObjectMapper().readTree(json);
        List<String> fields = new ArrayList<>();
        tree.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).isSorted().contains("request", "services", "failures", "checks", "outcome", "timings", "totalMillis");
        assertThat(tree.at("/request/version").asText()).isEqualTo("2.1.0");
        assertThat(tree.at("/services/0/builds/0/imageId").asText()).startsWith("sha256:1a2b3c4d5e6f");
        assertThat(tree.at("/services/1/distributions/0/nodes/0/bytes").asLong()).isEqualTo(2_100_000);
        assertThat(tree.at("/services/1/rollouts/0/workloads/0/previousImage").isNull()).isTrue();
        assertThat(json).endsWith("}\n").doesNotContain("\r");
    }

    @Test
    void historyListsNewestFirstWithTheFirstFailedServiceAndTheFirstLineOfItsDiagnosis() {
        ShopRelease older = new ShopRelease("shop-2.0.0-00000001");
        List<ReleaseEvent> events = new ArrayList<>(passedRelease());
        events.add(new ReleaseEvent(EventType.BUILD_REQUESTED, older.id.value(), T0.minusSeconds(3600), olderRequest(older)));
        events.add(new ReleaseEvent(EventType.ROLLOUT_DONE, older.id.value(), T0.minusSeconds(3500),
                older.rolledBack("api", "crash loop\nmore")));

        List<HistoryRow> rows = ReleaseHistory.rows(events, null);

        assertThat(rows).extracting(HistoryRow::releaseId).containsExactly(release.id.value(), older.id.value());
        assertThat(rows.get(1).failedService()).isEqualTo("api");
        assertThat(rows.get(1).diagnosis()).isEqualTo("crash loop");
        assertThat(HistoryTable.render(rows).lines().toList().get(0)).startsWith("RELEASE ID  ");
        assertThat(ReleaseHistory.rows(events, "other")).isEmpty();
    }

    private static dev.slipway.events.BuildRequested olderRequest(ShopRelease older) {
        return new dev.slipway.events.BuildRequested(older.id, older.request.version(), T0.minusSeconds(3600), older.plan);
    }

    private List<ReleaseEvent> passedRelease() {
        List<ReleaseEvent> events = new ArrayList<>();
        events.add(at(EventType.BUILD_REQUESTED, release.request, 0));
        events.add(at(EventType.IMAGE_BUILT, release.built("web"), 2_000));
        events.add(at(EventType.IMAGE_BUILT, release.built("api"), 3_000));
        events.add(at(EventType.IMAGE_DISTRIBUTED, release.distributed("web"), 4_000));
        events.add(at(EventType.IMAGE_DISTRIBUTED, release.distributed("api"), 5_000));
        events.add(at(EventType.ROLLOUT_DONE, release.rolledOut("web"), 8_000));
        events.add(at(EventType.ROLLOUT_DONE, release.rolledOut("api"), 9_000));
        events.add(at(EventType.VERIFIED, release.passed(), 12_000));
        return events;
    }

    private ReleaseEvent at(EventType type, Object event, long millis) {
        return new ReleaseEvent(type, release.id.value(), T0.plusMillis(millis), event);
    }
}
