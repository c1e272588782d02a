package dev.slipway.distributor.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamFanOutTest {
    private static final int CHUNK = 64 * 1024;
    private static final long BUFFER = 4 * CHUNK;

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final StreamFanOut fanOut = new StreamFanOut(executor, CHUNK, BUFFER);
    private final Map<String, String> digests = new ConcurrentHashMap<>();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void everyReceiverGetsTheWholeStreamFromOneRead() {
        Source source = new Source(3_000_000, -1);
        Map<String, StreamFanOut.Receiver> receivers = new LinkedHashMap<>();
        for (String name : new String[] {"node-a", "node-b", "node-c"}) {
            receivers.put(name, stream -> digests.put(name, sha256(stream)));
        }

        FanOutResult<String> result = fanOut.deliver(source, receivers);

        String expected = sha256(new Source(3_000_000, -1));
        assertThat(digests).containsOnlyKeys("node-a", "node-b", "node-c").allSatisfy((name, digest) -> assertThat(digest).isEqualTo(expected));
        assertThat(result.sourceBytes()).isEqualTo(3_000_000);
        assertThat(source.position()).isEqualTo(3_000_000);
        assertThat(result.sourceFailure()).isEmpty();
        assertThat(result.deliveries().values()).allSatisfy(delivery -> {
            assertThat(delivery.succeeded()).isTrue();
            assertThat(delivery.bytes()).isEqualTo(3_000_000);
            assertThat(delivery.peakBufferedBytes()).isLessThanOrEqualTo(BUFFER);
        });
    }

    @Test
    void aFailingReceiverDoesNotStopTheOthers() {
        Map<String, StreamFanOut.Receiver> receivers = new LinkedHashMap<>();
        receivers.put("node-a", stream -> digests.put("node-a", sha256(stream)));
        receivers.put("node-b", stream -> {
            stream.readNBytes(100_000);
            throw new IOException("no space left on device");
        });
        receivers.put("node-c", stream -> digests.put("node-c", sha256(stream)));

        FanOutResult<String> result = fanOut.deliver(new Source(2_000_000, -1), receivers);

        String expected = sha256(new Source(2_000_000, -1));
        assertThat(digests).containsEntry("node-a", expected).containsEntry("node-c", expected);
        Delivery failed = result.delivery("node-b");
        assertThat(failed.failure()).get().isInstanceOf(IOException.class)
                .extracting(Throwable::getMessage).isEqualTo("no space left on device");
        assertThat(failed.bytes()).isEqualTo(100_000);
        assertThat(result.delivery("node-a").bytes()).isEqualTo(2_000_000);
        assertThat(result.delivery("node-c").bytes()).isEqualTo(2_000_000);
    }

    @Test
    void aSlowReceiverHoldsAtMostItsBufferWhileTheReadWaitsForIt() {
        Source source = new Source(4_000_000, -1);
        AtomicLong readBeforeSlowStarted = new AtomicLong();
        Map<String, StreamFanOut.Receiver> receivers = new LinkedHashMap<>();
        receivers.put("fast", stream -> digests.put("fast", sha256(stream)));
        receivers.put("slow", stream -> {
            await().atMost(Duration.ofSeconds(10)).until(() -> source.position() >= BUFFER);
            readBeforeSlowStarted.set(source.position());
            digests.put("slow", sha256(stream));
        });

        FanOutResult<String> result = fanOut.deliver(source, receivers);

        String expected = sha256(new Source(4_000_000, -1));
        assertThat(digests).containsEntry("fast", expected).containsEntry("slow", expected);
        assertThat(readBeforeSlowStarted.get()).isLessThanOrEqualTo(BUFFER + CHUNK);
        assertThat(result.delivery("slow").peakBufferedBytes()).isLessThanOrEqualTo(BUFFER);
    }

    @Test
    void aBrokenSourceFailsEveryReceiverWithItsCause() {
        Map<String, StreamFanOut.Receiver> receivers = new LinkedHashMap<>();
        receivers.put("node-a", stream -> stream.transferTo(OutputStreamSink.INSTANCE));
        receivers.put("node-b", stream -> stream.transferTo(OutputStreamSink.INSTANCE));

        FanOutResult<String> result = fanOut.deliver(new Source(1_000_000, 300_000), receivers);

        assertThat(result.sourceFailure()).get().extracting(Throwable::getMessage).isEqualTo("engine went away");
        assertThat(result.deliveries().values()).allSatisfy(delivery -> {
            assertThat(delivery.failure()).get().extracting(Throwable::getMessage).isEqualTo("engine went away");
            assertThat(delivery.bytes()).isEqualTo(300_000);
        });
    }

    @Test
    void stopsReadingOnceNoReceiverIsLeft() {
        Source source = new Source(50_000_000, -1);
        Map<String, StreamFanOut.Receiver> receivers = new LinkedHashMap<>();
        receivers.put("node-a", stream -> {
            throw new IOException("refused");
        });
        receivers.put("node-b", stream -> {
            stream.readNBytes(10);
        });

        FanOutResult<String> result = fanOut.deliver(source, receivers);

        assertThat(result.delivery("node-a").failure()).isPresent();
        assertThat(result.delivery("node-b").succeeded()).isTrue();
        assertThat(result.sourceBytes()).isLessThanOrEqualTo(BUFFER + CHUNK);
    }

    private static String sha256(InputStream stream) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[8192];
            int n;
            while ((n = stream.read(buffer)) != -1) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Discards what it is given. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] b, int off, int len) {}
    }

    /** Deterministic pseudo-random bytes, counting how far it was read, optionally failing at a position. */
    private static final class Source extends InputStream {
        private final long size;
        private final long failAt;
        private final Random random = new Random(42);
        private final AtomicLong position = new AtomicLong();

        Source(long size, long failAt) {
            this.size = size;
            this.failAt = failAt;
        }

        long position() {
            return position.get();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            long at = position.get();
            if (failAt >= 0 && at >= failAt) {
                throw new IOException("engine went away");
            }
            if (at >= size) {
                return -1;
            }
            long limit = failAt >= 0 ? Math.min(size, failAt) : size;
            int n = (int) Math.min(length, limit - at);
            byte[] bytes = new byte[n];
            random.nextBytes(bytes);
            System.arraycopy(bytes, 0, target, offset, n);
            position.addAndGet(n);
            return n;
        }
    }
}
