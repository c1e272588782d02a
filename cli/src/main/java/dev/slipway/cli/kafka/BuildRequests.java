package dev.slipway.cli.kafka;

import dev.slipway.events.BuildRequested;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.Version;
import dev.slipway.events.plan.ReleasePlan;
import java.time.Clock;
import java.util.random.RandomGenerator;

/** Starts a release: gives it an id and publishes its BuildRequested, carrying the whole plan. */
public final class BuildRequests {
    private final EventPublisher publisher;
    private final Clock clock;
    private final RandomGenerator random;

    public BuildRequests(EventPublisher publisher, Clock clock, RandomGenerator random) {
        this.publisher = publisher;
        this.clock = clock;
        this.random = random;
    }

    /** Publishes the request and returns the new release's id once the broker has stored it. */
    public ReleaseId publish(ReleasePlan plan, Version version) {
        ReleaseId id = ReleaseIds.next(plan.release(), version, random);
        publisher.publish(new BuildRequested(id, version, clock.instant(), plan), id);
        return id;
    }
}
