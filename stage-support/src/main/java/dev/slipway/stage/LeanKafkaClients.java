package dev.slipway.stage;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Two Kafka client features a stage has no use for, turned off unless a channel sets them: publishing every
 * client metric as a JMX MBean ({@code metric.reporters}, JmxReporter by default; the stages' metrics reach
 * Prometheus through Micrometer, which reads the clients' metrics directly) and pushing client telemetry to
 * the broker ({@code enable.metrics.push}, KIP-714; it loads the client's shaded OpenTelemetry and protobuf
 * classes, and Slipway's broker collects none). Each costs memory in every client of every stage.
 * <pre>
 * (Kafka: metric.reporters=JmxReporter, enable.metrics.push=true)  →  metric.reporters="", enable.metrics.push=false
 * mp.messaging.incoming.c.metric.reporters=com.example.Reporter     →  that one left as it is
 * </pre>
 */
public final class LeanKafkaClients {
    static final Map<String, Object> OFF = Map.of("metric.reporters", "", "enable.metrics.push", "false");

    private LeanKafkaClients() {}

    /** The settings to add: each of {@link #OFF} the channel does not configure itself. */
    public static Map<String, Object> settings(Predicate<String> configuredForChannel) {
        Map<String, Object> added = new HashMap<>();
        OFF.forEach((key, value) -> {
            if (!configuredForChannel.test(key)) {
                added.put(key, value);
            }
        });
        return added;
    }
}
