package dev.slipway.distributor.stream;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One receiver's buffer in a fan-out: the writer hands it chunks, the receiver reads them as an
 * {@link InputStream}. It holds at most {@code capacity} bytes (or one chunk when a chunk is larger), so
 * the writer waits when this receiver is slow. When the receiver closes its stream (it finished or
 * failed), further chunks are dropped and the writer never waits for it again.
 */
final class BoundedPipe {
    private final long capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private int headOffset;
    private long buffered;
    private long peakBuffered;
    private long bytesRead;
    private boolean writerDone;
    private IOException writerFailure;
    private boolean readerClosed;
    private final Reader reader = new Reader();

    BoundedPipe(long capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("pipe capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Adds a chunk (not copied: the writer must not change it afterwards), waiting while the buffer is
     * full. Returns false when the receiver has closed its stream, so the chunk was dropped.
     */
    boolean write(byte[] chunk) throws InterruptedException {
        lock.lock();
        try {
            while (!readerClosed && buffered > 0 && buffered + chunk.length > capacity) {
                changed.await();
            }
            if (readerClosed) {
                return false;
            }
            chunks.addLast(chunk);
            buffered += chunk.length;
            peakBuffered = Math.max(peakBuffered, buffered);
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The writer has no more data: the receiver reads what is buffered, then end of stream. */
    void finish() {
        lock.lock();
        try {
            writerDone = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The writer's source failed: the receiver reads what is buffered, then gets {@code failure}. */
    void fail(IOException failure) {
        lock.lock();
        try {
            writerFailure = failure;
            writerDone = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the receiver has closed its stream. */
    boolean readerClosed() {
        lock.lock();
        try {
            return readerClosed;
        } finally {
            lock.unlock();
        }
    }

    InputStream reader() {
        return reader;
    }

    long bytesRead() {
        lock.lock();
        try {
            return bytesRead;
        } finally {
            lock.unlock();
        }
    }

    long peakBuffered() {
        lock.lock();
        try {
            return peakBuffered;
        } finally {
            lock.unlock();
        }
    }

    private final class Reader extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            lock.lock();
            try {
                while (chunks.isEmpty() && !writerDone && !readerClosed) {
                    changed.await();
                }
                if (readerClosed) {
                    throw new IOException("stream closed");
                }
                if (chunks.isEmpty()) {
                    if (writerFailure != null) {
                        throw new IOException(writerFailure.getMessage(), writerFailure);
                    }
                    return -1;
                }
                byte[] head = chunks.peekFirst();
                int n = Math.min(length, head.length - headOffset);
                System.arraycopy(head, headOffset, target, offset, n);
                headOffset += n;
                if (headOffset == head.length) {
                    chunks.removeFirst();
                    headOffset = 0;
                }
                buffered -= n;
                bytesRead += n;
                changed.signalAll();
                return n;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for image data", e);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public int available() {
            lock.lock();
            try {
                return (int) Math.min(Integer.MAX_VALUE, buffered);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            lock.lock();
            try {
                readerClosed = true;
                chunks.clear();
                buffered = 0;
                headOffset = 0;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
