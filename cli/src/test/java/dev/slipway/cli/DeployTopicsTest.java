package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.slipway.events.EventType;
import dev.slipway.events.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audit trail's topic settings in deploy/: what audit, history and watch read is kept as one window, never compacted. */
class DeployTopicsTest {
    private static final Path TOPICS = Path.of("..", "deploy", "010-KafkaTopics.yaml");

    @Test
    void everyEventAndDeadLetterTopicKeepsTheSameAuditWindowAndIsNeverCompacted() throws Exception {
        Map<String, JsonNode> configs = configs();
        List<String> record = new java.util.ArrayList<>();
        for (EventType type : EventType.values()) {
            record.add(Topics.defaultName(type));
            if (type != EventType.VERIFIED) {
                record.add(Topics.defaultName(type) + ".dead-letter");
            }
        }
        assertThat(configs).containsKeys(record.toArray(String[]::new));
        for (String topic : record) {
            JsonNode config = configs.get(topic);
            assertThat(config.path("retention.ms").asText()).as(topic).isEqualTo("7776000000");
            assertThat(config.path("cleanup.policy").asText("delete")).as(topic).isEqualTo("delete");
        }
        assertThat(configs.get("slipway.verifier-state").path("cleanup.policy").asText()).isEqualTo("compact");
    }

    private static Map<String, JsonNode> configs() throws Exception {
        Map<String, JsonNode> configs = new HashMap<>();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (MappingIterator<JsonNode> documents = yaml.readerFor(JsonNode.class).readValues(Files.readString(TOPICS))) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && "KafkaTopic".equals(document.path("kind").asText())) {
                    configs.put(document.path("metadata").path("name").asText(), document.path("spec").path("config"));
                }
            }
        }
        return configs;
    }
}
