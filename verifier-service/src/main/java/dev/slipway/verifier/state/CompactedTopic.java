package dev.slipway.verifier.state;

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

/** Creates the state topic with {@code cleanup.policy=compact} when it does not exist yet. */
final class CompactedTopic {
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
            return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                    .partitions().size();
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
