package dev.slipway.distributor.docker;

import java.io.IOException;

/** A call to the engine failed; the message is meant for the user as the cause in a node's or the source's error. */
class EngineHttpException extends IOException {
    EngineHttpException(String message) {
        super(message);
    }

    EngineHttpException(String message, Throwable cause) {
        super(message, cause);
    }
}
