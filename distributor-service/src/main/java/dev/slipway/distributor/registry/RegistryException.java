package dev.slipway.distributor.registry;

/** The registry or the engine pushing to it refused or failed; the message says why and what to check. */
public class RegistryException extends RuntimeException {
    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
