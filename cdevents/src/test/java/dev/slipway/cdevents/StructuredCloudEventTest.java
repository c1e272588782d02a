package dev.slipway.cdevents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cdevents.models.CDEvent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StructuredCloudEventTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Releases release = new Releases();

    @Test
    void theCloudEventCarriesTheCDEventsContextAsItsAttributesAndTheCDEventAsJsonData() throws Exception {
        CDEvent upgraded = CDEventsMapping.of(release.rolledOut("api"), URI.create("/slipway/rollout"),
                Instant.parse("2026-11-27T05:03:10.250Z")).get(0);

        JsonNode cloudEvent = MAPPER.readTree(StructuredCloudEvent.json(upgraded));

        assertThat(cloudEvent.path("specversion").asText()).isEqualTo("1.0");
        assertThat(cloudEvent.path("id").asText()).isEqualTo("shop-2.1.0-5c1257a2/rollout-done/api/ROLLED_OUT/service.upgraded");
        assertThat(cloudEvent.path("source").asText()).isEqualTo("/slipway/rollout");
        assertThat(cloudEvent.path("type").asText()).isEqualTo("dev.cdevents.service.upgraded.0.1.1");
        assertThat(cloudEvent.path("subject").asText()).isEqualTo("shop/api");
        // the CDEvents SDK writes context.timestamp to the second; time is that timestamp
        assertThat(Instant.parse(cloudEvent.path("time").asText())).isEqualTo(Instant.parse("2026-11-27T05:03:10Z"));
        assertThat(cloudEvent.path("datacontenttype").asText()).isEqualTo("application/json");
        JsonNode data = cloudEvent.path("data");
        assertThat(data.isObject()).as("data is the CDEvent as a JSON object, not a string or base64").isTrue();
        assertThat(data.at("/context/id").asText()).isEqualTo(cloudEvent.path("id").asText());
        assertThat(CDEventsSchemas.problems(data.toString())).isEmpty();
        assertThat(StructuredCloudEvent.CONTENT_TYPE).isEqualTo("application/cloudevents+json");
    }

    @Test
    void theSchemaCheckNamesWhatIsMissingOrWrong() throws Exception {
        CDEvent upgraded = CDEventsMapping.of(release.rolledOut("api"), URI.create("/slipway/rollout"), Instant.now()).get(0);
        JsonNode data = MAPPER.readTree(StructuredCloudEvent.json(upgraded)).path("data");
        ((com.fasterxml.jackson.databind.node.ObjectNode) data.at("/subject/content")).remove("environment");
        ((com.fasterxml.jackson.databind.node.ObjectNode) data.at("/subject")).put("type", "pipelineRun");

        assertThat(CDEventsSchemas.problems(data.toString()))
                .anySatisfy(problem -> assertThat(problem).contains("environment"))
                .anySatisfy(problem -> assertThat(problem).contains("subject.type"));
        assertThat(CDEventsSchemas.problems("{\"context\":{\"type\":\"dev.slipway.image.built.v1\"}}"))
                .singleElement().asString().contains("is not a CDEvents type");
        assertThat(new String(StructuredCloudEvent.json(upgraded), StandardCharsets.UTF_8)).doesNotContain("data_base64");
    }
}
