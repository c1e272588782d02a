package dev.slipway.distributor.docker;

import java.io.IOException;
import java.io.InputStream;

/**
 * Decodes an HTTP/1.1 {@code Transfer-Encoding: chunked} body as it is read, holding no more than one
 * chunk-size line: {@code <hex size>[;extensions] CRLF <data> CRLF}, repeated, then {@code 0 CRLF},
 * optional trailer lines and an empty line. Ends (-1) only after that last chunk; a stream that ends
 * anywhere before it fails with {@link TruncatedStreamException}, so a cut-off body is never taken for a
 * whole one. Closing it closes the underlying stream.
 */
final class ChunkedInputStream extends BulkInputStream {
    /** Longest chunk-size or trailer line accepted. */
    static final int MAX_LINE_BYTES = 8 * 1024;

    private final InputStream in;
    private long remaining;
    private boolean inData;
    private boolean started;
    private boolean done;

    /** @param in the raw body, positioned after the response head; best buffered */
    ChunkedInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (done || !nextData()) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new TruncatedStreamException("the chunked stream ended inside a chunk, " + remaining
                    + " bytes short: the sender closed the connection before the end");
        }
        remaining -= n;
        return n;
    }

    /** Moves to data to read, reading chunk boundaries as needed; false at the end of the body. */
    private boolean nextData() throws IOException {
        while (!inData || remaining == 0) {
            if (inData) {
                expectEmptyLine();
                inData = false;
            }
            remaining = chunkSize(line("a chunk size"));
            started = true;
            if (remaining == 0) {
                skipTrailers();
                done = true;
                return false;
            }
            inData = true;
        }
        return true;
    }

    @Override
    public int available() throws IOException {
        return inData ? (int) Math.min(remaining, in.available()) : 0;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Whether the last chunk and trailers were read: the body arrived whole. */
    boolean complete() {
        return done;
    }

    private void expectEmptyLine() throws IOException {
        String line = line("the end of a chunk");
        if (!line.isEmpty()) {
            throw new IOException("malformed chunked stream: chunk data is followed by '" + printable(line)
                    + "' instead of CRLF");
        }
    }

    private void skipTrailers() throws IOException {
        while (!line("the trailer").isEmpty()) {
            // trailer fields carry nothing this client uses
        }
    }

    static long chunkSize(String line) throws IOException {
        int end = line.indexOf(';');
        String hex = (end < 0 ? line : line.substring(0, end)).strip();
        if (hex.isEmpty() || hex.length() > 15) {
            throw new IOException("malformed chunked stream: chunk size '" + printable(line) + "'");
        }
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                throw new IOException("malformed chunked stream: chunk size '" + printable(line) + "'");
            }
        }
        return Long.parseLong(hex, 16);
    }

    /** One line without its CRLF (a bare LF is accepted too). */
    private String line(String what) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new TruncatedStreamException("the chunked stream ended " + (started ? "before " + what
                        : "before its first chunk") + ": the sender closed the connection before the end");
            }
            if (c == '\n') {
                int last = line.length() - 1;
                if (last >= 0 && line.charAt(last) == '\r') {
                    line.setLength(last);
                }
                return line.toString();
            }
            if (line.length() >= MAX_LINE_BYTES) {
                throw new IOException("malformed chunked stream: a line longer than " + MAX_LINE_BYTES + " bytes");
            }
            line.append((char) c);
        }
    }

    private static String printable(String text) {
        String cut = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
