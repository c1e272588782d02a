package dev.slipway.events;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Topic naming, in one place. Each event type has a topic named {@code slipway.<channel>} unless
 * configured as {@code slipway.topic.<channel>}; a stage's dead letters go to
 * {@code slipway.<channel>.dead-letter}. The services set the same keys in application.properties.
 */
public final class Topics {
    public static final String PREFIX = "slipway.";
    private final Map<EventType, String> names;

    private Topics(Map<EventType, String> names) {
        this.names = names;
    }

    public static Topics defaults() {
        return from(key -> null);
    }

    /** Reads {@code slipway.topic.<channel>} through the given lookup, falling back to the defaults. */
    public static Topics from(Function<String, String> lookup) {
        Map<EventType, String> names = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            String configured = lookup.apply(configKey(type));
            names.put(type, configured == null || configured.isBlank() ? defaultName(type) : configured);
        }
        return new Topics(names);
    }

    public static String configKey(EventType type) {
        return PREFIX + "topic." + type.channel();
    }

    public static String defaultName(EventType type) {
        return PREFIX + type.channel();
    }

    public static String deadLetterName(EventType input) {
        return PREFIX + input.channel() + ".dead-letter";
    }

    public String name(EventType type) {
        return names.get(type);
    }
}
