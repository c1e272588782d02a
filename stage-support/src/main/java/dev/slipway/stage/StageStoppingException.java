package dev.slipway.stage;

/**
 * Thrown instead of retrying further when the service is shutting down: the record being worked on is
 * left unacknowledged, so the broker gives it to the next instance (nothing is lost, nothing is
 * dead-lettered).
 */
public class StageStoppingException extends RuntimeException {
    public StageStoppingException(String what) {
        super("the service is stopping; " + what + " is left to the next start");
    }
}
