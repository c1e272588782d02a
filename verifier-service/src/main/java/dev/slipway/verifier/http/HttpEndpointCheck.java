package dev.slipway.verifier.http;

import dev.slipway.events.CheckResult;
import dev.slipway.events.plan.CheckSpec;
import dev.slipway.events.plan.HttpCheck;
import dev.slipway.verifier.check.Check;
import dev.slipway.verifier.config.VerifierConfig;
import dev.slipway.verifier.decision.HttpExpectation;
import dev.slipway.verifier.decision.HttpObservation;
import dev.slipway.verifier.decision.RolledOutRelease;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The http check: GETs the URL until the answer is the expected one or the check's timeout is
 * spent (a service that just started may need a moment), then reports the last observation.
 */
@Singleton
public class HttpEndpointCheck implements Check {
    private static final Duration SHORTEST_ATTEMPT = Duration.ofMillis(200);

    private final HttpProbe probe;
    private final Clock clock;
    private final Duration retryInterval;

    @Inject
    public HttpEndpointCheck(HttpProbe probe, Clock clock, VerifierConfig config) {
        this(probe, clock, config.httpRetryInterval());
    }

    public HttpEndpointCheck(HttpProbe probe, Clock clock, Duration retryInterval) {
        this.probe = probe;
        this.clock = clock;
        this.retryInterval = retryInterval;
    }

    @Override
    public String kind() {
        return HttpExpectation.KIND;
    }

    @Override
    public CheckResult run(CheckSpec spec, RolledOutRelease release) {
        HttpCheck http = spec.http();
        Instant deadline = clock.instant().plusSeconds(http.timeoutSeconds());
        HttpObservation seen = probe.get(http.url(), attemptTimeout(deadline));
        while (!HttpExpectation.passes(http, seen) && left(deadline).compareTo(retryInterval) > 0) {
            if (!pause()) {
                break;
            }
            seen = probe.get(http.url(), attemptTimeout(deadline));
        }
        return HttpExpectation.result(spec, seen);
    }

    private Duration left(Instant deadline) {
        return Duration.between(clock.instant(), deadline);
    }

    private Duration attemptTimeout(Instant deadline) {
        Duration left = left(deadline);
        return left.compareTo(SHORTEST_ATTEMPT) < 0 ? SHORTEST_ATTEMPT : left;
    }

    private boolean pause() {
        try {
            Thread.sleep(retryInterval.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
