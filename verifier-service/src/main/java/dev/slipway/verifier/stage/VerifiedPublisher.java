package dev.slipway.verifier.stage;

import dev.slipway.events.Verified;

/** Puts a release's Verified on the verified topic; returns once the broker has it. */
public interface VerifiedPublisher {
    void publish(Verified verified);
}
