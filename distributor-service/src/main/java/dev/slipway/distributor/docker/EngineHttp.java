package dev.slipway.distributor.docker;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A small HTTP/1.1 client for the Docker engine API, for the calls that stream image archives (docker-java's
 * transport moves them several times slower than the docker CLI). One connection per call
 * ({@code Connection: close}); bodies stream in both directions with bounded memory. Paths carry the API
 * version the engine reports on {@code GET /_ping}, asked once per client.
 */
final class EngineHttp {
    /** Read buffer on the connection. */
    static final int BUFFER_BYTES = 64 * 1024;
    /** Largest chunk of a streamed request body. */
    static final int CHUNK_BYTES = 128 * 1024;

    private static final Pattern API_VERSION = Pattern.compile("1\\.\\d{1,3}");

    private final URI engine;
    private final Duration idleTimeout;
    private volatile String apiPrefix;

    EngineHttp(URI engine) {
        this(engine, EngineSocket.IDLE_TIMEOUT);
    }

    EngineHttp(URI engine, Duration idleTimeout) {
        this.engine = engine;
        this.idleTimeout = idleTimeout;
    }

    URI engine() {
        return engine;
    }

    /** {@code GET} of an API path such as {@code /images/get?names=...}; the caller closes the response. */
    EngineResponse get(String path) throws IOException {
        String versioned = apiPrefix() + path;
        EngineSocket socket = EngineSocket.connect(engine, idleTimeout);
        try {
            OutputStream out = new BufferedOutputStream(socket.out(), 8 * 1024);
            out.write(requestHead("GET", versioned, socket, ""));
            out.flush();
            return response(socket);
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    /**
     * {@code POST} of an API path with {@code body} streamed as a chunked request body, read to its end;
     * returns the engine's answer once the whole body is sent. If reading {@code body} fails, the request
     * is cut off (the engine never sees a complete body) and that failure is thrown. If the engine stops
     * taking the body, its answer, when it gave one, is the message of the {@link EngineHttpException} thrown.
     */
    EngineResponse post(String path, String contentType, InputStream body) throws IOException {
        String versioned = apiPrefix() + path;
        EngineSocket socket = EngineSocket.connect(engine, idleTimeout);
        try {
            OutputStream out = new BufferedOutputStream(socket.out(), 8 * 1024);
            out.write(requestHead("POST", versioned, socket,
                    "Content-Type: " + contentType + "\r\nTransfer-Encoding: chunked\r\n"));
            ChunkedOutputStream chunked = new ChunkedOutputStream(out, CHUNK_BYTES);
            byte[] buffer = new byte[CHUNK_BYTES];
            long sent = 0;
            int n;
            while ((n = body.read(buffer)) != -1) {
                try {
                    chunked.write(buffer, 0, n);
                } catch (IOException stopped) {
                    throw stoppedTaking(socket, sent, stopped);
                }
                sent += n;
            }
            try {
                chunked.finish();
            } catch (IOException stopped) {
                throw stoppedTaking(socket, sent, stopped);
            }
            return response(socket);
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    /** The API version path prefix, e.g. {@code /v1.41}; none when the engine does not say. */
    String apiPrefix() throws IOException {
        String prefix = apiPrefix;
        if (prefix == null) {
            prefix = negotiate();
            apiPrefix = prefix;
        }
        return prefix;
    }

    private String negotiate() throws IOException {
        try (EngineSocket socket = EngineSocket.connect(engine, idleTimeout)) {
            OutputStream out = socket.out();
            out.write(requestHead("GET", "/_ping", socket, ""));
            out.flush();
            EngineResponse pong = response(socket);
            if (!pong.successful()) {
                throw new EngineHttpException(pong.refusal() + " (GET /_ping)");
            }
            EngineMessages.text(pong.body());
            String version = pong.head().header("Api-Version").orElse("");
            return API_VERSION.matcher(version).matches() ? "/v" + version : "";
        }
    }

    private static EngineResponse response(EngineSocket socket) throws IOException {
        InputStream in = new BufferedInputStream(socket.in(), BUFFER_BYTES);
        HttpResponseHead head = HttpResponseHead.read(in);
        return new EngineResponse(head, head.body(in), socket);
    }

    /** The engine closed or reset while taking the body: its answer, if it gave one, says why. */
    private EngineHttpException stoppedTaking(EngineSocket socket, long sent, IOException stopped) {
        String answer;
        try {
            EngineResponse response = response(socket);
            String text = EngineMessages.text(response.body());
            answer = response.successful() ? errorInLines(text) : EngineMessages.refused(response.status(), text);
        } catch (IOException | RuntimeException noAnswer) {
            answer = null;
        }
        String cause = stopped.getMessage() == null ? stopped.getClass().getSimpleName() : stopped.getMessage();
        return new EngineHttpException(answer != null ? answer
                : "the engine at " + engine + " stopped taking the image after " + sent + " bytes (" + cause + ")", stopped);
    }

    private static String errorInLines(String text) {
        for (String line : text.split("\n")) {
            String error = EngineMessages.errorIn(line.strip());
            if (error != null) {
                return error;
            }
        }
        return null;
    }

    private static byte[] requestHead(String method, String path, EngineSocket socket, String fields) {
        return (method + " " + path + " HTTP/1.1\r\n"
                + "Host: " + socket.hostHeader() + "\r\n"
                + "User-Agent: slipway-distributor\r\n"
                + "Connection: close\r\n"
                + fields
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static void closeQuietly(EngineSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing after a failure: the failure is what is reported
        }
    }
}
