package dev.slipway.cdevents;

import dev.slipway.events.EventIds;

/**
 * The {@code context.id} of every CDEvent, derived from the Slipway event it comes from rather than drawn at random:
 * {@code <ce_id of the source event>/<kind>[/<n>]}, e.g.
 * {@code shop-2.1.0-5c1257a2/image-built/web/SUCCEEDED/artifact.packaged} or
 * {@code shop-2.1.0-5c1257a2/verified/testcaserun.finished/2}. A redelivered record whose stage reaches the same outcome
 * publishes its event under the same ce_id ({@link EventIds}), so its CDEvents keep their ids too.
 */
public final class CDEventIds {
    private CDEventIds() {}

    /** The id of the one CDEvent of {@code kind} (e.g. {@code build.finished}) that {@code sourceEvent} gives. */
    public static String of(Object sourceEvent, String kind) {
        return EventIds.of(sourceEvent) + "/" + kind;
    }

    /** The id of the {@code index}-th (from 0, in the source event's order) CDEvent of {@code kind}. */
    public static String of(Object sourceEvent, String kind, int index) {
        return of(sourceEvent, kind) + "/" + index;
    }
}
