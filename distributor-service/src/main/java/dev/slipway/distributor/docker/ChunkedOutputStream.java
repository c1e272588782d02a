package dev.slipway.distributor.docker;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Encodes what is written as an HTTP/1.1 {@code Transfer-Encoding: chunked} body, in chunks of at most
 * {@code chunkBytes} (smaller writes are gathered, larger ones sent as they come). The body is only
 * complete after {@link #finish()} writes the last chunk: {@link #close()} does not, so a body whose
 * source failed is cut off and the receiver sees it incomplete rather than a shorter, valid one.
 */
final class ChunkedOutputStream extends OutputStream {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final byte[] buffer;
    private int count;
    private boolean finished;

    /** @param out where the encoded body goes; best buffered, so a chunk's size line travels with its data */
    ChunkedOutputStream(OutputStream out, int chunkBytes) {
        if (chunkBytes <= 0) {
            throw new IllegalArgumentException("chunkBytes must be positive, got " + chunkBytes);
        }
        this.out = out;
        this.buffer = new byte[chunkBytes];
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        buffer[count++] = (byte) b;
        if (count == buffer.length) {
            writeBuffered();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        if (len == 0) {
            return;
        }
        if (len >= buffer.length) {
            writeBuffered();
            writeChunk(b, off, len);
            return;
        }
        if (count + len > buffer.length) {
            writeBuffered();
        }
        System.arraycopy(b, off, buffer, count, len);
        count += len;
    }

    /** Sends what is gathered as a chunk and flushes. */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        writeBuffered();
        out.flush();
    }

    /** Sends what is gathered, then the last chunk, and flushes: the body is complete. */
    void finish() throws IOException {
        ensureOpen();
        writeBuffered();
        out.write(LAST_CHUNK);
        out.flush();
        finished = true;
    }

    /** Closes the underlying stream; without {@link #finish()} first, the body stays incomplete. */
    @Override
    public void close() throws IOException {
        out.close();
    }

    private void writeBuffered() throws IOException {
        if (count > 0) {
            writeChunk(buffer, 0, count);
            count = 0;
        }
    }

    private void writeChunk(byte[] b, int off, int len) throws IOException {
        out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(b, off, len);
        out.write(CRLF);
    }

    private void ensureOpen() throws IOException {
        if (finished) {
            throw new IOException("the chunked body is already finished");
        }
    }
}
