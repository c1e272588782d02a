package dev.slipway.distributor.decision;

import dev.slipway.events.StageOutcome;

/** How distribution of one service ended, and on FAILED the message for the user. */
public record ServiceOutcome(StageOutcome outcome, String error) {
    public static ServiceOutcome succeeded() {
        return new ServiceOutcome(StageOutcome.SUCCEEDED, null);
    }

    public static ServiceOutcome failed(String error) {
        return new ServiceOutcome(StageOutcome.FAILED, error);
    }
}
