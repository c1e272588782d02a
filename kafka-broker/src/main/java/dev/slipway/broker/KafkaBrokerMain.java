package dev.slipway.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.Uuid;

/**
 * The main class of {@link KafkaBrokerProcess}: one Kafka node (KRaft, controller and broker combined) on
 * fixed loopback ports with its data in a fixed folder, so that it can be killed or stopped and started
 * again at the same address with the same data. Formats the folder on the first start only, then runs
 * Kafka's own {@code kafka.Kafka} main (which stops the broker cleanly on SIGTERM).
 * <pre>
 * java -cp … dev.slipway.broker.KafkaBrokerMain FOLDER BROKER_PORT CONTROLLER_PORT
 * </pre>
 */
public final class KafkaBrokerMain {
    private KafkaBrokerMain() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: KafkaBrokerMain FOLDER BROKER_PORT CONTROLLER_PORT");
            System.exit(2);
        }
        Path folder = Path.of(args[0]).toAbsolutePath();
        Path config = folder.resolve("server.properties");
        writeConfig(config, settings(folder.resolve("data"), Integer.parseInt(args[1]), Integer.parseInt(args[2])));
        if (!Files.exists(folder.resolve("data").resolve("meta.properties"))) {
            int formatted = kafka.tools.StorageTool.execute(new String[] {"format", "--cluster-id",
                    Uuid.randomUuid().toString(), "--config", config.toString()}, System.out);
            if (formatted != 0) {
                System.err.println("could not format " + folder.resolve("data") + " (exit code " + formatted + ")");
                System.exit(1);
            }
        }
        kafka.Kafka.main(new String[] {config.toString()});
    }

    /** The node's configuration: one combined node, replication factors of 1, data under {@code data}. */
    static Map<String, String> settings(Path data, int brokerPort, int controllerPort) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("node.id", "1");
        settings.put("process.roles", "broker,controller");
        settings.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        settings.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        settings.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        settings.put("controller.listener.names", "CONTROLLER");
        settings.put("inter.broker.listener.name", "PLAINTEXT");
        settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        settings.put("log.dirs", data.toString());
        settings.put("offsets.topic.replication.factor", "1");
        settings.put("transaction.state.log.replication.factor", "1");
        settings.put("transaction.state.log.min.isr", "1");
        settings.put("share.coordinator.state.topic.replication.factor", "1");
        settings.put("share.coordinator.state.topic.min.isr", "1");
        settings.put("group.initial.rebalance.delay.ms", "0");
        settings.put("auto.create.topics.enable", "true");
        settings.put("num.partitions", "1");
        return settings;
    }

    private static void writeConfig(Path file, Map<String, String> settings) throws IOException {
        Files.createDirectories(file.getParent());
        Properties properties = new Properties();
        properties.putAll(settings);
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, "written by KafkaBrokerMain at each start");
        }
    }
}
