package dev.slipway.stage.metrics;

import java.util.regex.Pattern;

/**
 * The {@code stage} label of a service's metrics, from its application name ({@code quarkus.application.name},
 * by default the module's artifact id): {@code slipway-builder} and {@code distributor-service} are
 * {@code builder} and {@code distributor}. Validated, since it lands in every series the service exposes.
 */
public record StageName(String value) {
    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9-]{0,30}");
    private static final String PREFIX = "slipway-";
    private static final String SUFFIX = "-service";

    public StageName {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("a stage name is lowercase letters, digits and dashes (at most 31), not "
                    + (value == null ? "nothing" : "'" + value + "'"));
        }
    }

    public static StageName ofApplication(String applicationName) {
        String name = applicationName;
        if (name != null && name.startsWith(PREFIX)) {
            name = name.substring(PREFIX.length());
        }
        if (name != null && name.endsWith(SUFFIX) && name.length() > SUFFIX.length()) {
            name = name.substring(0, name.length() - SUFFIX.length());
        }
        return new StageName(name);
    }

    @Override
    public String toString() {
        return value;
    }
}
