package dev.slipway.verifier.state;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Creates the state topic with {@code cleanup.policy=compact} when it does not exist yet. */
final class CompactedTopic {
    /**
     * How long a topic that another client has just created may stay unknown to the broker answering: two
     * verifier replicas started together both find the topic missing, one creates it, and the other is told
     * it exists before it can describe it ("This server does not host this topic-partition").
     */
    static final Duration KNOWN_WITHIN = Duration.ofSeconds(30);
    private static final Duration ASK_AGAIN_AFTER = Duration.ofMillis(100);

    private CompactedTopic() {}

    /** Returns the topic's partition count (the broker's default number when this creates it). */
    static int ensure(Map<String, Object> kafka, String topic) {
        try (Admin admin = Admin.create(kafka)) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                Integer created = create(admin, topic);
                if (created != null) {
                    return created;
                }
            }
            return partitionsOnceKnown(topic, () -> admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(topic).partitions().size(), KNOWN_WITHIN);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the verifier's state topic " + topic + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within 30s while looking for the verifier's state topic "
                    + topic + ": check that a broker runs at kafka.bootstrap.servers=" + kafka.get("bootstrap.servers"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the verifier's state topic " + topic, e);
        }
    }

    /** One look at the topic's partition count, as the Admin client answers it. */
    @FunctionalInterface
    interface Describe {
        int partitions() throws ExecutionException, TimeoutException, InterruptedException;
    }

    /**
     * Asks {@code describe} again every 100 ms while the broker answering does not know the topic yet, for
     * at most {@code patience}; any other failure ends it at once.
     */
    static int partitionsOnceKnown(String topic, Describe describe, Duration patience)
            throws ExecutionException, TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                return describe.partitions();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            Thread.sleep(ASK_AGAIN_AFTER.toMillis());
        }
    }

    /** Creates the topic; returns its partition count, or null when another client created it first. */
    private static Integer create(Admin admin, String topic) throws InterruptedException, TimeoutException {
        NewTopic compacted = new NewTopic(topic, Optional.empty(), Optional.empty())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            return admin.createTopics(List.of(compacted)).numPartitions(topic).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return null;
            } else {
                throw new IllegalStateException("cannot create the verifier's state topic " + topic + " (compacted): "
                        + e.getCause().getMessage() + "; create it by hand with cleanup.policy=compact", e.getCause());
            }
        }
    }
}
