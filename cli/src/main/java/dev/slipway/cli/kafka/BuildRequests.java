package dev.slipway.cli.kafka;

import dev.slipway.events.BuildRequested;
import dev.slipway.events.SourceRevision;
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
        return publish(plan, version, null);
    }

    /** As {@link #publish(ReleasePlan, Version)}, recording the commit it was requested from ({@code null}: none). */
    public ReleaseId publish(ReleasePlan plan, Version version, SourceRevision source) {
        return publish(plan, version, source, false);
    }

    /**
     * As {@link #publish(ReleasePlan, Version, SourceRevision)}; {@code replaceVersion} lets the builder replace the
     * images of {@code version} when they were built before from other content (otherwise it refuses).
     */
    public ReleaseId publish(ReleasePlan plan, Version version, SourceRevision source, boolean replaceVersion) {
        ReleaseId id = ReleaseIds.next(plan.release(), version, random);
        publisher.publish(new BuildRequested(id, version, clock.instant(), plan, source, replaceVersion), id);
        return id;
    }
}
