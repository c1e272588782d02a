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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The audit trail's topic settings in deploy/: what audit, history and watch read is kept as one window, never
 * compacted; and the Job that creates the topics without Strimzi creates the same topics with the same settings.
 */
class DeployTopicsTest {
    private static final Path TOPICS = Path.of("..", "deploy", "strimzi", "010-KafkaTopics.yaml");
    private static final Path TOPICS_JOB = Path.of("..", "deploy", "051-Job-kafka-topics.yaml");

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

    @Test
    void theJobWithoutStrimziCreatesTheSameTopicsWithTheSamePartitionsAndSettings() throws Exception {
        Map<String, String> strimzi = new TreeMap<>();
        for (JsonNode topic : documents(TOPICS, "KafkaTopic")) {
            Map<String, String> settings = new TreeMap<>();
            topic.path("spec").path("config").fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
            strimzi.put(topic.path("metadata").path("name").asText(), topic.path("spec").path("partitions").asInt() + " " + settings);
        }
        JsonNode configMap = documents(TOPICS_JOB, "ConfigMap").get(0);
        Map<String, String> job = new TreeMap<>();
        for (String line : configMap.path("data").path("topics.txt").asText().split("\n")) {
            String[] fields = line.trim().split("\\s+");
            Map<String, String> settings = new TreeMap<>();
            for (String setting : fields[2].split(",")) {
                settings.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
            }
            job.put(fields[0], Integer.parseInt(fields[1]) + " " + settings);
        }

        assertThat(job).isEqualTo(strimzi);
        assertThat(configMap.path("data").path("create-topics.sh").asText()).contains("/etc/slipway/topics/topics.txt")
                .contains("--config \"$setting\"").contains("--partitions \"$partitions\"");
        JsonNode container = documents(TOPICS_JOB, "Job").get(0).path("spec").path("template").path("spec").path("containers").get(0);
        assertThat(container.path("command").toString()).contains("/etc/slipway/topics/create-topics.sh");
    }

    private static Map<String, JsonNode> configs() throws Exception {
        Map<String, JsonNode> configs = new HashMap<>();
        for (JsonNode document : documents(TOPICS, "KafkaTopic")) {
            configs.put(document.path("metadata").path("name").asText(), document.path("spec").path("config"));
        }
        return configs;
    }

    private static List<JsonNode> documents(Path file, String kind) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (MappingIterator<JsonNode> documents = yaml.readerFor(JsonNode.class).readValues(Files.readString(file))) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && kind.equals(document.path("kind").asText())) {
                    found.add(document);
                }
            }
        }
        return found;
    }
}
