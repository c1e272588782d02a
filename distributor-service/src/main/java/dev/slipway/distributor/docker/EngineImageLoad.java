package dev.slipway.distributor.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /images/load} with the archive streamed as the request body (chunked, never held in
 * memory), reading the engine's answer so that an import error the engine reports inside its 200
 * response (docker-java's {@code loadImageCmd} discards the body) reaches the user in the engine's words.
 */
final class EngineImageLoad {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EngineImageLoad() {}

    /** Streams {@code archive} into the engine; throws {@link EngineLoadException} with the engine's error. */
    static void load(DockerClient client, InputStream archive) throws IOException {
        DockerHttpClient http = ((DockerClientImpl) client).getHttpClient();
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST)
                .path("/images/load?quiet=1")
                .putHeader("Content-Type", "application/x-tar")
                .body(archive)
                .build();
        try (DockerHttpClient.Response response = http.execute(request);
                BufferedReader body = new BufferedReader(new InputStreamReader(response.getBody(), StandardCharsets.UTF_8))) {
            int status = response.getStatusCode();
            StringBuilder answer = new StringBuilder();
            String line;
            while ((line = body.readLine()) != null) {
                if (status >= 300) {
                    answer.append(line);
                    continue;
                }
                String error = errorIn(line);
                if (error != null) {
                    throw new EngineLoadException(error);
                }
            }
            if (status >= 300) {
                String error = errorIn(answer.toString());
                throw new EngineLoadException("the engine answered " + status + ": "
                        + (error != null ? error : answer.toString().strip()));
            }
        }
    }

    /** The error in one line of the engine's answer, or null when the line reports progress. */
    private static String errorIn(String line) {
        if (line.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(line);
            if (node.hasNonNull("errorDetail") && node.get("errorDetail").hasNonNull("message")) {
                return node.get("errorDetail").get("message").asText();
            }
            if (node.hasNonNull("error")) {
                return node.get("error").asText();
            }
            if (node.hasNonNull("message")) {
                return node.get("message").asText();
            }
            return null;
        } catch (IOException notJson) {
            return null;
        }
    }

    /** The engine refused or failed the import. */
    static final class EngineLoadException extends IOException {
        EngineLoadException(String message) {
            super(message);
        }
    }
}
