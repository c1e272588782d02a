package dev.slipway.distributor.transport;

/**
 * A node or the build engine could not do what was asked. The message is meant for the user: it names
 * the node (or the build engine), its address, what failed and what to check.
 */
public class TransportException extends RuntimeException {
    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
