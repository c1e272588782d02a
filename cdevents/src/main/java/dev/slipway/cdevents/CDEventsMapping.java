package dev.slipway.cdevents;

import dev.cdevents.models.CDEvent;
import dev.slipway.events.BuildRequested;
import dev.slipway.events.ImageBuilt;
import dev.slipway.events.ImageDistributed;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.Verified;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * The CDEvents a Slipway event stands for (pure: no I/O; the time comes from the caller). {@code source} is the
 * emitting stage's CloudEvents source (e.g. {@code /slipway/builder}), the CDEvents' {@code context.source}; ids are
 * derived from the Slipway event ({@link CDEventIds}).
 *
 * <table>
 * <caption>What each event gives</caption>
 * <tr><td>build-requested</td><td>nothing: written by the CLI, not by a stage</td></tr>
 * <tr><td>image-built</td><td>{@code build.finished}; {@code artifact.packaged} when built ({@link BuildCDEvents})</td></tr>
 * <tr><td>image-distributed</td><td>{@code artifact.published} when SUCCEEDED ({@link DistributionCDEvents})</td></tr>
 * <tr><td>rollout-done</td><td>{@code service.upgraded}, {@code .deployed} or {@code .rolledback} ({@link DeploymentCDEvents})</td></tr>
 * <tr><td>verified</td><td>{@code testcaserun.finished} per check, {@code testsuiterun.finished}, {@code pipelinerun.finished} ({@link VerificationCDEvents})</td></tr>
 * </table>
 */
public final class CDEventsMapping {
    private CDEventsMapping() {}

    public static List<CDEvent> of(Object event, URI source, Instant at) {
        if (event instanceof ImageBuilt built) {
            return BuildCDEvents.of(built, source, at);
        }
        if (event instanceof ImageDistributed distributed) {
            return DistributionCDEvents.of(distributed, source, at);
        }
        if (event instanceof RolloutDone done) {
            return DeploymentCDEvents.of(done, source, at);
        }
        if (event instanceof Verified verified) {
            return VerificationCDEvents.of(verified, source, at);
        }
        if (event instanceof BuildRequested) {
            return List.of();
        }
        throw new IllegalArgumentException("not a Slipway event: " + event.getClass().getName());
    }
}
