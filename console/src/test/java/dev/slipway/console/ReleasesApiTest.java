package dev.slipway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.cli.kafka.EventPublisher;
import dev.slipway.cli.kafka.KafkaClients;
import dev.slipway.console.support.BrokerResource;
import dev.slipway.events.Topics;
import dev.slipway.record.testing.ShopRelease;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/** The console's JSON API and live stream on a real broker holding releases published as the stages publish them. */
@QuarkusTest
@QuarkusTestResource(value = BrokerResource.class, restrictToAnnotatedClass = true)
class ReleasesApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-27T05:00:00Z");
    private final HttpClient http = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URL base;

    @Test
    void listsReleasesNewestFirstServesEachRecordAndStreamsChangesWithoutAGroup() throws Exception {
        ShopRelease passed = new ShopRelease("shop-2.1.0-00000001", T0);
        ShopRelease failed = new ShopRelease("shop-2.1.1-00000002", T0.plusSeconds(60));
        ShopRelease running = new ShopRelease("shop-2.2.0-00000003", T0.plusSeconds(120));
        String diagnosis = "api on node local: <script>alert('x')</script> exited with code 1\nlast log line: boom";
        try (EventPublisher publisher = publisher()) {
            for (Object event : List.of(passed.request, passed.built("web"), passed.built("api"), passed.distributed("web"),
                    passed.distributed("api"), passed.rolledOut("web"), passed.rolledOut("api"), passed.passed())) {
                publisher.publish(event, passed.id);
            }
            for (Object event : List.of(failed.request, failed.built("api"), failed.distributed("api"),
                    failed.rolledBack("api", diagnosis), failed.failed(diagnosis))) {
                publisher.publish(event, failed.id);
            }
            publisher.publish(running.request, running.id);
            publisher.publish(running.built("web"), running.id);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        JsonNode page = get("api/releases?limit=10");
        assertThat(page.at("/total").asInt()).isEqualTo(3);
        assertThat(page.at("/releases")).extracting(r -> r.get("releaseId").asText())
                .containsExactly(running.id.value(), failed.id.value(), passed.id.value());
        assertThat(page.at("/releases/0/state").asText()).isEqualTo("at image-built");
        assertThat(page.at("/releases/1/state").asText()).isEqualTo("FAILED");
        assertThat(page.at("/releases/1/failedService").asText()).isEqualTo("api");
        assertThat(page.at("/releases/1/diagnosis").asText()).isEqualTo("api on node local: <script>alert('x')</script> exited with code 1");
        assertThat(page.at("/releases/2/state").asText()).isEqualTo("PASSED");
        assertThat(page.at("/releases/2/durationMillis").isNumber()).isTrue();
        });
        assertThat(get("api/releases?offset=1&limit=1").at("/releases/0/releaseId").asText()).isEqualTo(failed.id.value());

        JsonNode record = get("api/releases/" + passed.id.value());
        assertThat(record.at("/outcome/state").asText()).isEqualTo("PASSED");
        assertThat(record.at("/checks/0/expected").asText()).isNotBlank();
        assertThat(record.at("/checks/0/observed").asText()).isNotBlank();
        assertThat(record.at("/services/1/distributions/0/nodes/0/bytes").asLong()).isEqualTo(2_100_000);
        assertThat(record.at("/timings").size()).isEqualTo(4);
        JsonNode failedRecord = get("api/releases/" + failed.id.value());
        assertThat(failedRecord.at("/services/1/rollouts/0/workloads/0/diagnosis").asText()).isEqualTo(diagnosis);
        assertThat(failedRecord.at("/failures/0/stage").asText()).isEqualTo("rollout");

        HttpResponse<String> unknown = send("api/releases/shop-9.9.9-ffffffff");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("error").asText()).isEqualTo("no release shop-9.9.9-ffffffff on the topics");
        HttpResponse<String> invalid = send("api/releases/Not%20An%20Id");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(invalid.body()).get("error").asText()).contains("release id");
        assertThat(send("api/releases?limit=0").statusCode()).isEqualTo(400);

        List<String> streamed = new CopyOnWriteArrayList<>();
        Thread reader = readStream(streamed);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !streamed.isEmpty()); // the stream is open
            try (EventPublisher publisher = publisher()) {
                publisher.publish(running.distributed("web"), running.id);
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> streamed.stream()
                    .anyMatch(line -> line.contains(running.id.value()) && line.contains("at image-distributed")));
        } finally {
            reader.interrupt();
        }
        assertThat(get("api/releases/" + running.id.value()).at("/outcome/lastStage").asText()).isEqualTo("image-distributed");

        JsonNode dora = get("api/dora?window=3650d");
        assertThat(dora.at("/overall/deploymentFrequency/releases")).extracting(JsonNode::asText).containsExactly(passed.id.value());
        assertThat(dora.at("/overall/changeFailureRate/failedReleases")).extracting(JsonNode::asText).containsExactly(failed.id.value());
        assertThat(dora.at("/overall/changeFailureRate/rate").asDouble()).isEqualTo(0.5);
        assertThat(dora.at("/overall/timeToRestore/notRestored")).extracting(JsonNode::asText).containsExactly(failed.id.value());
        assertThat(dora.at("/byRelease/shop/leadTime/releases")).extracting(JsonNode::asText).containsExactly(passed.id.value());
        assertThat(send("api/dora?window=soon").statusCode()).isEqualTo(400);

        try (Admin admin = new KafkaClients(BrokerResource.bootstrapServers()).admin()) {
            assertThat(admin.listGroups().all().get()).as("the console joins no consumer group").isEmpty();
        }
    }

    /** Reads the SSE stream line by line; a comment line opens it ({@code :} lines are sent by nobody: the first data line or the open). */
    private Thread readStream(List<String> lines) {
        Thread thread = new Thread(() -> {
            try {
                HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri("api/releases/stream"))
                        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
                lines.add("open " + response.statusCode());
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        lines.add(line);
                    }
                }
            } catch (Exception e) {
                lines.add("closed " + e);
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private EventPublisher publisher() {
        return new EventPublisher(new KafkaClients(BrokerResource.bootstrapServers()), Topics.defaults(), Clock.systemUTC());
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = send(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create(base.toString() + path);
    }
}
