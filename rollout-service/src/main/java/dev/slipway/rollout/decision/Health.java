package dev.slipway.rollout.decision;

import java.util.Locale;

/** A container's health: NONE when its image has no HEALTHCHECK. */
public enum Health {
    NONE, STARTING, HEALTHY, UNHEALTHY;

    public static Health of(String engineHealth) {
        if (engineHealth == null || engineHealth.isBlank() || "none".equalsIgnoreCase(engineHealth)) {
            return NONE;
        }
        try {
            return valueOf(engineHealth.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return NONE;
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
