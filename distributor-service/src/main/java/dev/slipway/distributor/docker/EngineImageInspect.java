package dev.slipway.distributor.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /images/<name or id>/json}: what {@code docker image inspect} shows of an image, reduced to what the
 * distributor checks: its id and its layers' diff ids ({@code RootFS.Layers}). On {@link EngineHttp}, so the
 * distributor needs no Docker client library for its source engine (docker-java and the Guava and Jackson model
 * code under it were some 700 classes loaded in the service; BENCHMARKS.md, memory in the pods).
 */
final class EngineImageInspect {
    /** An inspect answer is a few KiB; a larger one is not an engine's. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The image as the engine holds it. */
    record InspectedImage(String id, List<String> layers) {
        InspectedImage {
            layers = List.copyOf(layers);
        }
    }

    private EngineImageInspect() {}

    /**
     * The image {@code nameOrId} (a validated reference or {@code sha256:} id), or empty when the engine answers
     * 404; any other refusal is an {@link EngineHttpException} with the engine's message.
     */
    static Optional<InspectedImage> inspect(EngineHttp engine, String nameOrId) throws IOException {
        try (EngineResponse response = engine.get("/images/" + nameOrId + "/json")) {
            if (response.status() == 404) {
                return Optional.empty();
            }
            if (!response.successful()) {
                throw new EngineHttpException(response.refusal());
            }
            JsonNode image = JSON.readTree(bounded(response.body()));
            JsonNode id = image.get("Id");
            if (id == null || !id.isTextual()) {
                throw new EngineHttpException("the engine's inspect of " + nameOrId + " has no Id");
            }
            List<String> layers = new ArrayList<>();
            for (JsonNode layer : image.path("RootFS").path("Layers")) {
                layers.add(layer.asText());
            }
            return Optional.of(new InspectedImage(id.asText(), layers));
        }
    }

    private static byte[] bounded(InputStream body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = body.read(buffer)) != -1) {
            if (bytes.size() + n > MAX_BODY_BYTES) {
                throw new EngineHttpException("the engine's inspect answer is larger than " + MAX_BODY_BYTES + " bytes");
            }
            bytes.write(buffer, 0, n);
        }
        return bytes.toByteArray();
    }
}
