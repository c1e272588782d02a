package dev.slipway.bench.history;

import java.io.Writer;

/** Output that notes when its first line was completed, and otherwise discards what is written. */
final class FirstLineClock extends Writer {
    private final long start = System.nanoTime();
    private long firstLine = -1;
    private final StringBuilder text = new StringBuilder();

    @Override
    public void write(char[] buffer, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (buffer[i] == '\n' && firstLine < 0) {
                firstLine = System.nanoTime();
            }
        }
        if (text.length() < 4096) {
            text.append(buffer, offset, Math.min(length, 4096));
        }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    /** Milliseconds from creation to the first complete line; NaN when none was written. */
    double firstLineMillis() {
        return firstLine < 0 ? Double.NaN : (firstLine - start) / 1e6;
    }

    double elapsedMillis() {
        return (System.nanoTime() - start) / 1e6;
    }

    /** The start of what was written, for saying what went wrong. */
    String head() {
        return text.toString();
    }
}
