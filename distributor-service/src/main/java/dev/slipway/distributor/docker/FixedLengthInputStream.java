package dev.slipway.distributor.docker;

import java.io.IOException;
import java.io.InputStream;

/**
 * A body of a known length ({@code Content-Length}): ends after that many bytes, and fails with
 * {@link TruncatedStreamException} if the stream ends before. Closing it closes the underlying stream.
 */
final class FixedLengthInputStream extends BulkInputStream {
    private final InputStream in;
    private long remaining;

    FixedLengthInputStream(InputStream in, long length) {
        this.in = in;
        this.remaining = length;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (remaining == 0) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new TruncatedStreamException("the body ended " + remaining
                    + " bytes short of its Content-Length: the sender closed the connection before the end");
        }
        remaining -= n;
        return n;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(remaining, in.available());
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
