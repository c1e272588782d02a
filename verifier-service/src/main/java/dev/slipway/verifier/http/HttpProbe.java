package dev.slipway.verifier.http;

import dev.slipway.verifier.decision.HttpObservation;
import java.net.URI;
import java.time.Duration;

/** Sends one GET and says what came back, or why nothing did. Never throws for network errors. */
public interface HttpProbe {
    HttpObservation get(URI url, Duration timeout);
}
