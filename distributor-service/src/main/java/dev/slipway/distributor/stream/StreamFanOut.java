package dev.slipway.distributor.stream;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

/**
 * Reads a stream once and gives every receiver its own copy, all receivers running at the same time.
 * Each receiver has a bounded buffer ({@link BoundedPipe}): a slow receiver slows the shared read only
 * once its buffer is full, and a receiver that stops (finished early or failed) is dropped without
 * stopping the others. Memory use is at most about {@code bufferBytes} per receiver; nothing is written
 * to disk.
 */
public final class StreamFanOut {
    /** What a receiver does with its copy of the stream: read it, usually to the end. */
    @FunctionalInterface
    public interface Receiver {
        void receive(InputStream stream) throws Exception;
    }

    private final ExecutorService executor;
    private final int chunkBytes;
    private final long bufferBytes;

    /**
     * @param executor runs the receivers; it must be able to run all receivers of one fan-out at once
     *                 (an unbounded pool), since each waits on the shared read
     * @param chunkBytes size of each read from the source
     * @param bufferBytes how much each receiver's buffer holds before the shared read waits for it
     */
    public StreamFanOut(ExecutorService executor, int chunkBytes, long bufferBytes) {
        if (chunkBytes <= 0 || bufferBytes < chunkBytes) {
            throw new IllegalArgumentException("need 0 < chunkBytes <= bufferBytes, got " + chunkBytes + " and " + bufferBytes);
        }
        this.executor = executor;
        this.chunkBytes = chunkBytes;
        this.bufferBytes = bufferBytes;
    }

    /**
     * Reads {@code source} once, to its end or until no receiver is left, feeding every receiver; returns
     * when every receiver has returned. The caller closes {@code source}.
     */
    public <K> FanOutResult<K> deliver(InputStream source, Map<K, Receiver> receivers) {
        Map<K, BoundedPipe> pipes = new LinkedHashMap<>();
        Map<K, CompletableFuture<Void>> running = new LinkedHashMap<>();
        receivers.forEach((key, receiver) -> {
            BoundedPipe pipe = new BoundedPipe(bufferBytes);
            pipes.put(key, pipe);
            running.put(key, CompletableFuture.runAsync(() -> run(receiver, pipe), executor));
        });
        long[] read = {0};
        Optional<IOException> sourceFailure = pump(source, pipes, read);
        Map<K, Delivery> deliveries = new LinkedHashMap<>();
        running.forEach((key, future) -> {
            Optional<Exception> failure = failureOf(future);
            BoundedPipe pipe = pipes.get(key);
            deliveries.put(key, new Delivery(pipe.bytesRead(), pipe.peakBuffered(), failure));
        });
        return new FanOutResult<>(deliveries, read[0], sourceFailure);
    }

    private Optional<IOException> pump(InputStream source, Map<?, BoundedPipe> pipes, long[] read) {
        byte[] buffer = new byte[chunkBytes];
        try {
            int n;
            while (anyReceiverListening(pipes) && (n = source.read(buffer)) != -1) {
                if (n == 0) {
                    continue;
                }
                read[0] += n;
                byte[] chunk = Arrays.copyOf(buffer, n);
                for (BoundedPipe pipe : pipes.values()) {
                    pipe.write(chunk);
                }
            }
            pipes.values().forEach(BoundedPipe::finish);
            return Optional.empty();
        } catch (IOException e) {
            pipes.values().forEach(pipe -> pipe.fail(e));
            return Optional.of(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            IOException interrupted = new IOException("interrupted while reading the image", e);
            pipes.values().forEach(pipe -> pipe.fail(interrupted));
            return Optional.of(interrupted);
        }
    }

    private static boolean anyReceiverListening(Map<?, BoundedPipe> pipes) {
        return pipes.values().stream().anyMatch(pipe -> !pipe.readerClosed());
    }

    private static void run(Receiver receiver, BoundedPipe pipe) {
        try (InputStream stream = pipe.reader()) {
            receiver.receive(stream);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ReceiverFailure(e);
        }
    }

    private static Optional<Exception> failureOf(CompletableFuture<Void> future) {
        try {
            future.get();
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ReceiverFailure wrapped) {
                return Optional.of((Exception) wrapped.getCause());
            }
            return Optional.of(cause instanceof Exception exception ? exception : new RuntimeException(cause));
        }
    }

    /** Carries a receiver's checked exception out of the executor. */
    private static final class ReceiverFailure extends RuntimeException {
        ReceiverFailure(Exception cause) {
            super(cause);
        }
    }
}
