package dev.slipway.events.plan;

import dev.slipway.events.names.KubeName;

/** At least {@code minCount} pods matching the label {@code selector} run (and are ready) in {@code namespace}. */
public record PodsRunningCheck(KubeName namespace, String selector, int minCount) {
    public PodsRunningCheck {
        if (selector == null || !selector.matches("[A-Za-z0-9._/=,!() -]{1,512}")) {
            throw new IllegalArgumentException("pods selector '" + selector
                    + "' is not a label selector such as 'app=fabric,tier!=test'");
        }
        minCount = Math.max(minCount, 1);
    }
}
