package dev.slipway.events;

import dev.slipway.events.names.ServiceName;

/** How one service ended its rollout, as the verifier saw it. */
public record ServiceResult(ServiceName service, RolloutOutcome outcome, String diagnosis) {}
