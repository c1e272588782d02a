package dev.slipway.record;

import dev.slipway.events.EventCodec;
import dev.slipway.events.EventIds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A release's events once each, in one order whatever order they were read in: an event repeated by a
 * redelivery has the same CloudEvents id ({@link EventIds}) and counts once, at its first time; the
 * result is ordered by stage, then time, then id.
 */
public final class DistinctEvents {
    private static final Comparator<ReleaseEvent> ORDER = Comparator.comparing(ReleaseEvent::type)
            .thenComparing(ReleaseEvent::time)
            .thenComparing(event -> EventIds.of(event.event()));

    private DistinctEvents() {}

    public static List<ReleaseEvent> of(List<ReleaseEvent> events) {
        Map<String, ReleaseEvent> byId = new HashMap<>();
        for (ReleaseEvent event : events) {
            byId.merge(EventIds.of(event.event()), event, DistinctEvents::first);
        }
        List<ReleaseEvent> distinct = new ArrayList<>(byId.values());
        distinct.sort(ORDER);
        return distinct;
    }

    /** The earlier of two records of one event; at the same time, the one whose JSON sorts first. */
    private static ReleaseEvent first(ReleaseEvent a, ReleaseEvent b) {
        int byTime = a.time().compareTo(b.time());
        if (byTime != 0) {
            return byTime < 0 ? a : b;
        }
        return json(a).compareTo(json(b)) <= 0 ? a : b;
    }

    private static String json(ReleaseEvent event) {
        return EventCodec.instance().encode(event.event());
    }
}
