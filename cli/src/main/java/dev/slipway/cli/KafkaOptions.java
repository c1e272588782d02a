package dev.slipway.cli;

import dev.slipway.cli.kafka.KafkaClients;
import dev.slipway.events.Topics;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The Kafka options every command that talks to the broker shares. */
final class KafkaOptions {
    @Option(names = "--bootstrap-servers", paramLabel = "host:port",
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers (default: $KAFKA_BOOTSTRAP_SERVERS or ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--topic", paramLabel = "channel=topic",
            description = "Topic of a channel when not the default slipway.<channel>, e.g. --topic build-requested=team.build-requested.")
    Map<String, String> topics = new LinkedHashMap<>();

    KafkaClients clients() {
        return new KafkaClients(bootstrapServers);
    }

    Topics topics() {
        return Topics.from(key -> topics.get(key.substring((Topics.PREFIX + "topic.").length())));
    }
}
