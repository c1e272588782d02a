package dev.slipway.stage.metrics;

/**
 * The name of every metric the stages record, in one place. Micrometer names, dotted; the Prometheus
 * registry renders them with underscores and the unit and type suffixes ({@code slipway.stage.outcomes} is
 * {@code slipway_stage_outcomes_total}, {@code slipway.stage.duration} is {@code slipway_stage_duration_seconds_*}).
 * Labels are few and bounded: stage, topic, outcome, node, result, reason; never a release id.
 */
public final class MetricNames {
    /** Counter {stage, outcome}: the events a stage published, by their outcome (one per service; the verifier's one per release). */
    public static final String STAGE_OUTCOMES = "slipway.stage.outcomes";
    /** Timer histogram {stage, topic}: from a record's arrival at the stage to its outputs published and the record acknowledged. */
    public static final String STAGE_DURATION = "slipway.stage.duration";
    /** Counter {stage, topic}: records sent to the dead-letter topic, by the topic they came from. */
    public static final String DEAD_LETTERED = "slipway.dead.lettered.records";
    /** Gauge {stage, topic}: records the stage has received and not yet acknowledged or dead-lettered. */
    public static final String IN_PROGRESS = "slipway.records.in.progress";
    /** Counter {stage, node, result}: bytes the distributor sent to a node. */
    public static final String NODE_BYTES = "slipway.node.distribution.bytes";
    /** Timer histogram {stage, node, result}: how long distributing one image to one node took. */
    public static final String NODE_DURATION = "slipway.node.distribution.duration";
    /** Counter {stage, reason}: failed or rolled back service rollouts, by a small fixed set of reasons. */
    public static final String ROLLOUT_FAILURES = "slipway.rollout.failures";

    /** The common label every metric of a service carries: which stage it is. */
    public static final String STAGE = "stage";

    private MetricNames() {}
}
