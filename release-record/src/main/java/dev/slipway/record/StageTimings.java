package dev.slipway.record;

import dev.slipway.events.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

    /** A stage and how long it took on the critical path. */
    public record Stage(String name, Duration duration) {}

    /** The summary lines, or empty when the release's first or last event is missing. */
    public static Optional<String> render(List<ReleaseEvent> events) {
        Optional<Instant> requested = last(events, EventType.BUILD_REQUESTED);
        Optional<Instant> verified = last(events, EventType.VERIFIED);
        if (requested.isEmpty() || verified.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder("stage timings (from event times):\n");
        stages(events).forEach(stage -> out.append(row(stage.name(), stage.duration())));
        out.append(row("total", Duration.between(requested.get(), verified.get())));
        return Optional.of(out.toString());
    }

    /**
     * The stages reached so far, in pipeline order: each ends at its last event and starts where the previous
     * one ended, the first at the request. Empty without the request.
     */
    public static List<Stage> stages(List<ReleaseEvent> events) {
        Map<EventType, Instant> last = new EnumMap<>(EventType.class);
        for (ReleaseEvent event : events) {
            last.merge(event.type(), event.time(), (a, b) -> a.isAfter(b) ? a : b);
        }
        Instant previous = last.get(EventType.BUILD_REQUESTED);
        if (previous == null) {
            return List.of();
        }
        List<Stage> stages = new ArrayList<>();
        for (EventType type : EventType.values()) {
            Instant end = last.get(type);
            if (type == EventType.BUILD_REQUESTED || end == null) {
                continue;
            }
            stages.add(new Stage(STAGES.get(type), Duration.between(previous, end)));
            previous = end;
        }
        return stages;
    }

    /** The time of the last event of {@code type}, when there is one. */
    public static Optional<Instant> last(List<ReleaseEvent> events, EventType type) {
        return events.stream().filter(e -> e.type() == type).map(ReleaseEvent::time).max(Instant::compareTo);
    }

    private static String row(String stage, Duration duration) {
        return String.format(Locale.ROOT, "  %-11s %8s%n", stage, Units.seconds(duration));
    }
}
