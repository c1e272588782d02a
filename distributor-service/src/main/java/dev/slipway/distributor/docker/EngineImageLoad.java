package dev.slipway.distributor.docker;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * {@code POST /images/load?quiet=1} with the archive streamed as a chunked request body (never held in
 * memory), reading the engine's JSON message stream to its end, so that an import error the engine reports
 * inside its 200 answer reaches the user in the engine's words, and an answer cut off before its end is a
 * failure rather than a success.
 */
final class EngineImageLoad {
    private EngineImageLoad() {}

    /** Streams {@code archive} into the engine; throws {@link EngineLoadException} with the engine's error. */
    static void load(EngineHttp engine, InputStream archive) throws IOException {
        try (EngineResponse response = engine.post("/images/load?quiet=1", "application/x-tar", archive)) {
            if (!response.successful()) {
                throw new EngineLoadException(response.refusal());
            }
            InputStream messages = new BufferedInputStream(response.body(), 8 * 1024);
            String line;
            while ((line = EngineMessages.line(messages)) != null) {
                String error = EngineMessages.errorIn(line);
                if (error != null) {
                    throw new EngineLoadException(error);
                }
            }
        }
    }

    /** The engine refused or failed the import. */
    static final class EngineLoadException extends EngineHttpException {
        EngineLoadException(String message) {
            super(message);
        }
    }
}
