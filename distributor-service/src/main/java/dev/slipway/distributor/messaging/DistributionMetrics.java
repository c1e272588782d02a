package dev.slipway.distributor.messaging;

import dev.slipway.events.ImageDistributed;
import dev.slipway.events.NodeResult;
import dev.slipway.stage.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * Per node of each ImageDistributed: the bytes sent and the time taken, labelled with the node and its
 * result ({@code IMPORTED}, {@code ALREADY_PRESENT}, {@code FAILED}). Node names come from the
 * distributor's own configuration, so the label stays bounded.
 */
@ApplicationScoped
public class DistributionMetrics {
    private final MeterRegistry registry;

    @Inject
    public DistributionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records every node's result of the event and returns the event. */
    public ImageDistributed recorded(ImageDistributed distributed) {
        distributed.nodes().forEach(this::record);
        return distributed;
    }

    private void record(NodeResult node) {
        String name = node.node().value();
        String result = node.outcome().name();
        Counter.builder(MetricNames.NODE_BYTES).baseUnit("bytes").description("Bytes the distributor sent to a node")
                .tag("node", name).tag("result", result).register(registry).increment(Math.max(0, node.bytes()));
        Timer.builder(MetricNames.NODE_DURATION).description("Distribution of one image to one node")
                .tag("node", name).tag("result", result)
                .serviceLevelObjectives(Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1),
                        Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(1),
                        Duration.ofMinutes(5), Duration.ofMinutes(15))
                .register(registry).record(Duration.ofMillis(Math.max(0, node.durationMillis())));
    }
}
