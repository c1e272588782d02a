package dev.slipway.bench.faults;

import dev.slipway.cli.kafka.KafkaClients;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;

/** Waits until the consumer group of every stage is stable with all its instances, each holding partitions. */
final class StableGroups {
    /** The stages' consumer groups (the {@code group.id} of each service's incoming channel). */
    private static final List<String> GROUPS = List.of("slipway-builder", "slipway-distributor", "slipway-rollout",
            "slipway-verifier");

    private StableGroups() {}

    /** Returns how long it waited; fails after {@code timeout} with the groups as the broker describes them. */
    static Duration await(KafkaClients clients, int members, Duration timeout) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        String last = "not described yet";
        try (Admin admin = clients.admin()) {
            while (System.nanoTime() < deadline) {
                try {
                    Map<String, ConsumerGroupDescription> groups = admin.describeConsumerGroups(GROUPS).all()
                            .get(5, TimeUnit.SECONDS);
                    last = groups.values().toString();
                    if (groups.values().stream().allMatch(group -> stable(group, members))) {
                        return Duration.ofNanos(System.nanoTime() - started);
                    }
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    last = e.toString();
                }
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("the stages' consumer groups were not stable with " + members + " members each within "
                + timeout.toSeconds() + " s: " + last);
    }

    private static boolean stable(ConsumerGroupDescription group, int members) {
        return group.groupState() == GroupState.STABLE && group.members().size() == members
                && group.members().stream().noneMatch(member -> member.assignment().topicPartitions().isEmpty());
    }
}
