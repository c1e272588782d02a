package dev.slipway.builder.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.exception.DockerException;

/** The engine's own words from a docker-java error ({@code Status 400: {"message":"..."}} becomes the message). */
final class EngineMessages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EngineMessages() {}

    static String of(DockerException e) {
        String text = e.getMessage() == null ? "" : e.getMessage().strip();
        String prefix = "Status " + e.getHttpStatus() + ":";
        String body = text.startsWith(prefix) ? text.substring(prefix.length()).strip() : text;
        if (body.startsWith("{")) {
            try {
                JsonNode message = JSON.readTree(body).get("message");
                if (message != null && message.isTextual()) {
                    return message.asText();
                }
            } catch (java.io.IOException ignored) {
                // not JSON after all: keep the text as the engine sent it
            }
        }
        return body.isEmpty() ? "the engine answered HTTP " + e.getHttpStatus() : body;
    }
}
