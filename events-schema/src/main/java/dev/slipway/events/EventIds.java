package dev.slipway.events;

/**
 * The CloudEvents {@code id} of every event, derived from what the event says rather than drawn at
 * random: {@code <release-id>/<channel>[/<service>/<outcome>]}, for example
 * {@code r-20261202-0a1b/image-built/web/SUCCEEDED}. A stage that runs again on a redelivered input and
 * reaches the same outcome publishes an event with the same id (and the same source), which every
 * consumer recognises as a duplicate; a different outcome is a different event.
 */
public final class EventIds {
    private EventIds() {}

    public static String of(Object event) {
        if (event instanceof BuildRequested e) {
            return e.releaseId().value() + "/" + EventType.BUILD_REQUESTED.channel();
        }
        if (event instanceof ImageBuilt e) {
            return perService(e.release(), EventType.IMAGE_BUILT, e.service().name().value(), e.outcome().name());
        }
        if (event instanceof ImageDistributed e) {
            return perService(e.release(), EventType.IMAGE_DISTRIBUTED, e.service().name().value(), e.outcome().name());
        }
        if (event instanceof RolloutDone e) {
            return perService(e.release(), EventType.ROLLOUT_DONE, e.service().name().value(), e.outcome().name());
        }
        if (event instanceof Verified e) {
            return e.releaseId().value() + "/" + EventType.VERIFIED.channel();
        }
        throw new IllegalArgumentException("not a Slipway event: " + event.getClass().getName());
    }

    private static String perService(ReleaseContext release, EventType type, String service, String outcome) {
        return release.releaseId().value() + "/" + type.channel() + "/" + service + "/" + outcome;
    }
}
