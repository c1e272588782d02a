package dev.slipway.stage.metrics;

import dev.slipway.events.ImageBuilt;
import dev.slipway.events.ImageDistributed;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.events.StageOutcome;
import dev.slipway.events.Verdict;
import dev.slipway.events.Verified;
import java.util.Arrays;
import java.util.List;

/** The outcome label of a stage's event, and every outcome a stage's events can have (to start their counters at zero). */
public final class EventOutcomes {
    private EventOutcomes() {}

    /** e.g. {@code SUCCEEDED} for an ImageBuilt, {@code ROLLED_BACK} for a RolloutDone, {@code FAILED} for a Verified. */
    public static String of(Object event) {
        Enum<?> outcome;
        if (event instanceof ImageBuilt built) {
            outcome = built.outcome();
        } else if (event instanceof ImageDistributed distributed) {
            outcome = distributed.outcome();
        } else if (event instanceof RolloutDone done) {
            outcome = done.outcome();
        } else if (event instanceof Verified verified) {
            outcome = verified.verdict();
        } else {
            throw new IllegalArgumentException("not an outcome event of a stage: "
                    + (event == null ? "null" : event.getClass().getName()));
        }
        return outcome == null ? "UNKNOWN" : outcome.name();
    }

    /** The outcomes an event of this type can have. */
    public static List<String> possible(Class<?> eventType) {
        Class<? extends Enum<?>> outcomes;
        if (eventType == ImageBuilt.class || eventType == ImageDistributed.class) {
            outcomes = StageOutcome.class;
        } else if (eventType == RolloutDone.class) {
            outcomes = RolloutOutcome.class;
        } else if (eventType == Verified.class) {
            outcomes = Verdict.class;
        } else {
            throw new IllegalArgumentException("not an outcome event of a stage: " + eventType.getName());
        }
        return Arrays.stream(outcomes.getEnumConstants()).map(Enum::name).toList();
    }
}
