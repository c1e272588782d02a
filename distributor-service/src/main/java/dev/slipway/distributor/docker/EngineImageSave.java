package dev.slipway.distributor.docker;

import dev.slipway.events.names.ImageRef;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /images/get?names=<ref>}: the engine's {@code docker save} archive of one reference, as a
 * stream read straight from the connection (never held in memory). The stream fails if the engine's answer
 * is cut off before its end; closing it closes the connection.
 */
final class EngineImageSave {
    private EngineImageSave() {}

    /** Opens the archive; fails with {@link EngineHttpException} carrying the engine's refusal. */
    static InputStream open(EngineHttp engine, ImageRef ref) throws IOException {
        EngineResponse response = engine.get("/images/get?names=" + URLEncoder.encode(ref.value(), StandardCharsets.UTF_8));
        if (!response.successful()) {
            try (response) {
                throw new EngineHttpException(response.refusal());
            }
        }
        return response.body();
    }
}
