package dev.slipway.stage.metrics;

import java.util.regex.Pattern;

/**
 * The {@code stage} label of a service's metrics, from its application name: {@code slipway-builder} is
 * {@code builder}. Validated, since it lands in every series the service exposes.
 */
public record StageName(String value) {
    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9-]{0,30}");
    private static final String PREFIX = "slipway-";

    public StageName {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("a stage name is lowercase letters, digits and dashes (at most 31), not "
                    + (value == null ? "nothing" : "'" + value + "'"));
        }
    }

    public static StageName ofApplication(String applicationName) {
        return new StageName(applicationName != null && applicationName.startsWith(PREFIX)
                ? applicationName.substring(PREFIX.length()) : applicationName);
    }

    @Override
    public String toString() {
        return value;
    }
}
