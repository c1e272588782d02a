package dev.slipway.rollout.decision;

import java.util.Locale;

/** A container's status as the engine reports it ({@code State.Status}). */
public enum ContainerStatus {
    CREATED, RUNNING, PAUSED, RESTARTING, REMOVING, EXITED, DEAD, UNKNOWN;

    public static ContainerStatus of(String engineStatus) {
        if (engineStatus == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(engineStatus.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
