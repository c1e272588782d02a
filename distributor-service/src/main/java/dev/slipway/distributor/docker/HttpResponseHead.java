package dev.slipway.distributor.docker;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The status line and header fields of an HTTP/1.1 response, read from a stream with bounded memory, and
 * the body that follows them framed as the head says: chunked, a fixed length, or up to the end of the
 * connection.
 */
record HttpResponseHead(int status, String reason, Map<String, List<String>> headers) {
    /** Largest response head accepted. */
    static final int MAX_HEAD_BYTES = 64 * 1024;

    HttpResponseHead {
        headers = Map.copyOf(headers);
    }

    /**
     * Reads one response head, skipping interim {@code 1xx} responses (such as {@code 100 Continue}).
     *
     * @param in the connection, positioned at a response; best buffered
     */
    static HttpResponseHead read(InputStream in) throws IOException {
        while (true) {
            HttpResponseHead head = readOne(in);
            if (head.status() >= 200) {
                return head;
            }
        }
    }

    private static HttpResponseHead readOne(InputStream in) throws IOException {
        int[] budget = {MAX_HEAD_BYTES};
        String statusLine = line(in, budget, true);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || parts[1].length() != 3) {
            throw new IOException("not an HTTP/1.1 response: '" + printable(statusLine) + "'");
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP/1.1 response: '" + printable(statusLine) + "'", e);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        String field;
        while (!(field = line(in, budget, false)).isEmpty()) {
            int colon = field.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed HTTP header field '" + printable(field) + "'");
            }
            headers.computeIfAbsent(field.substring(0, colon).strip().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                    .add(field.substring(colon + 1).strip());
        }
        return new HttpResponseHead(status, parts.length > 2 ? parts[2] : "", headers);
    }

    /** The last value of a header field, by case-insensitive name. */
    Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    boolean chunked() {
        List<String> values = headers.get("transfer-encoding");
        if (values == null || values.isEmpty()) {
            return false;
        }
        String joined = String.join(",", values);
        String[] codings = joined.split(",");
        return codings[codings.length - 1].strip().equalsIgnoreCase("chunked");
    }

    OptionalLong contentLength() throws IOException {
        Optional<String> value = header("Content-Length");
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long length = Long.parseLong(value.get());
            if (length < 0) {
                throw new NumberFormatException("negative");
            }
            return OptionalLong.of(length);
        } catch (NumberFormatException e) {
            throw new IOException("malformed Content-Length '" + printable(value.get()) + "'", e);
        }
    }

    /**
     * The body following this head on {@code in}, decoded as it is read: chunked (fails if cut off), of
     * {@code Content-Length} bytes (fails if fewer arrive), or everything up to the end of the connection.
     * Responses that have no body ({@code 204}, {@code 304}) give an empty stream.
     */
    InputStream body(InputStream in) throws IOException {
        if (status == 204 || status == 304) {
            return new FixedLengthInputStream(in, 0);
        }
        if (chunked()) {
            return new ChunkedInputStream(in);
        }
        OptionalLong length = contentLength();
        return length.isPresent() ? new FixedLengthInputStream(in, length.getAsLong()) : in;
    }

    private static String line(InputStream in, int[] budget, boolean first) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new TruncatedStreamException(first && line.length() == 0 && budget[0] == MAX_HEAD_BYTES
                        ? "the engine closed the connection without answering"
                        : "the engine closed the connection in the middle of its answer's head");
            }
            if (--budget[0] < 0) {
                throw new IOException("the answer's head is longer than " + MAX_HEAD_BYTES + " bytes");
            }
            if (c == '\n') {
                int last = line.length() - 1;
                if (last >= 0 && line.charAt(last) == '\r') {
                    line.setLength(last);
                }
                return line.toString();
            }
            line.append((char) c);
        }
    }

    private static String printable(String text) {
        String cut = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
