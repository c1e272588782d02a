package dev.slipway.stage;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a stage's consumer belongs to its group, decided from its settings: a <em>static</em> member when
 * the replica has a stable name (KIP-345), so that a replica killed and started again under the same
 * name gets its partitions back at once, with its unacknowledged record, instead of after the session
 * timeout; and a short session timeout, so that a replica that does not come back hands its
 * partitions over in seconds, not the client's default 45 s.
 * <pre>
 * slipway.instance-id=slipway-rollout-0   →  group.instance.id=slipway-rollout-0.image-distributed
 * (unset; HOSTNAME=rollout-7d9f-x2v4z)     →  group.instance.id=rollout-7d9f-x2v4z.image-distributed
 * slipway.stage.session-timeout=PT10S      →  session.timeout.ms=10000, heartbeat.interval.ms=3333
 * </pre>
 */
public final class ConsumerMembership {
    private static final Pattern INSTANCE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    private ConsumerMembership() {}

    /**
     * The consumer settings to add for {@code channel}; nothing for a producer (no {@code group.id}), and
     * nothing already set explicitly in {@code config}.
     */
    public static Map<String, Object> settings(String channel, Map<String, Object> config, Optional<String> instanceId,
            Duration sessionTimeout) {
        if (!config.containsKey("group.id")) {
            return Map.of();
        }
        Map<String, Object> added = new java.util.LinkedHashMap<>();
        instanceId.map(String::trim).filter(id -> !id.isEmpty()).ifPresent(id -> {
            if (!INSTANCE_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("slipway.instance-id (or HOSTNAME) '" + id + "' cannot name a Kafka group "
                        + "member: use letters, digits, '.', '_' and '-', at most 200 characters");
            }
            added.put("group.instance.id", id + "." + channel);
        });
        long millis = sessionTimeout.toMillis();
        if (millis < 6_000) {
            throw new IllegalArgumentException("slipway.stage.session-timeout " + sessionTimeout + " is below the broker's "
                    + "smallest (group.min.session.timeout.ms, 6 s by default)");
        }
        if (!config.containsKey("session.timeout.ms")) {
            added.put("session.timeout.ms", Long.toString(millis));
            added.put("heartbeat.interval.ms", Long.toString(millis / 3));
        }
        added.keySet().removeIf(config::containsKey);
        return added;
    }
}
