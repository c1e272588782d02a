package dev.slipway.distributor.docker;

import java.net.URI;

/** No connection could be opened to the engine's address. */
final class EngineUnreachableException extends EngineHttpException {
    EngineUnreachableException(URI engine, Throwable cause) {
        super("cannot connect to " + engine + ": " + reason(cause), cause);
    }

    private static String reason(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message.strip();
    }
}
