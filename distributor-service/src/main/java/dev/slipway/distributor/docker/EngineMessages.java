package dev.slipway.distributor.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads what the engine says in its answers: error bodies and the JSON message stream, in bounded memory. */
final class EngineMessages {
    /** Longest line of the message stream kept; the rest of a longer line is skipped. */
    static final int MAX_LINE_BYTES = 64 * 1024;
    /** How much of an error answer's body is read. */
    static final int MAX_ERROR_BYTES = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private EngineMessages() {}

    /**
     * The error in one JSON message of the engine's answer ({@code errorDetail.message}, {@code error} or
     * {@code message}), or null when the message reports progress or is not JSON.
     */
    static String errorIn(String line) {
        if (line == null || line.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(line);
            if (node == null || !node.isObject()) {
                return null;
            }
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

    /** The user's reading of a non-2xx answer: its status and the engine's {@code message}, else its text. */
    static String refused(int status, String body) {
        String error = errorIn(body.strip());
        String said = error != null ? error : body.strip();
        return "the engine answered " + status + ": " + (said.isEmpty() ? "no message" : said);
    }

    /** Up to {@link #MAX_ERROR_BYTES} of a body as text; a body that ends early yields what arrived. */
    static String text(InputStream body) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while (kept.size() < MAX_ERROR_BYTES && (n = body.read(buffer, 0, Math.min(buffer.length, MAX_ERROR_BYTES - kept.size()))) != -1) {
                kept.write(buffer, 0, n);
            }
        } catch (IOException cutOff) {
            // an error answer cut short: what arrived is still the best description
        }
        return kept.toString(StandardCharsets.UTF_8);
    }

    /**
     * The next line of a message stream without its line end, at most {@link #MAX_LINE_BYTES} of it; null
     * at the end of the stream. Failures of the stream (such as a truncated body) propagate.
     */
    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        boolean any = false;
        while ((c = in.read()) != -1) {
            any = true;
            if (c == '\n') {
                break;
            }
            if (line.size() < MAX_LINE_BYTES) {
                line.write(c);
            }
        }
        if (!any) {
            return null;
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
