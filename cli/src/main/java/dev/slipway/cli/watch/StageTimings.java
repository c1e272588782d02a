package dev.slipway.cli.watch;

import dev.slipway.cli.kafka.ReleaseEvent;
import dev.slipway.events.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How long each stage took, from the event times: a stage ends with its last event of the release
 * and starts when the previous stage ended (services overlap, so this is the critical path).
 */
public final class StageTimings {
    private static final Map<EventType, String> STAGES = Map.of(
            EventType.IMAGE_BUILT, "build",
            EventType.IMAGE_DISTRIBUTED, "distribute",
            EventType.ROLLOUT_DONE, "rollout",
            EventType.VERIFIED, "verify");

    private StageTimings() {}

    /** The summary lines, or empty when the release's first or last event is missing. */
    public static Optional<String> render(List<ReleaseEvent> events) {
        Map<EventType, Instant> last = new EnumMap<>(EventType.class);
        for (ReleaseEvent event : events) {
            last.merge(event.type(), event.time(), (a, b) -> a.isAfter(b) ? a : b);
        }
        Instant requested = last.get(EventType.BUILD_REQUESTED);
        Instant verified = last.get(EventType.VERIFIED);
        if (requested == null || verified == null) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder("stage timings (from event times):\n");
        Instant previous = requested;
        for (EventType type : EventType.values()) {
            Instant end = last.get(type);
            if (type == EventType.BUILD_REQUESTED || end == null) {
                continue;
            }
            out.append(row(STAGES.get(type), Duration.between(previous, end)));
            previous = end;
        }
        out.append(row("total", Duration.between(requested, verified)));
        return Optional.of(out.toString());
    }

    private static String row(String stage, Duration duration) {
        return String.format(Locale.ROOT, "  %-11s %8s%n", stage, Units.seconds(duration));
    }
}
