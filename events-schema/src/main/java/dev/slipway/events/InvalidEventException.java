package dev.slipway.events;

/** A record that is not an event of the contract: not JSON, an unknown type, or invalid against its schema. */
public final class InvalidEventException extends RuntimeException {
    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
