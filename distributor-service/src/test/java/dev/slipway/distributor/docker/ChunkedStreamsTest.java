package dev.slipway.distributor.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The chunked transfer coding, both ways, on bytes in memory. */
class ChunkedStreamsTest {

    @Test
    void decodesChunksExtensionsAndTrailers() throws IOException {
        String wire = "5;name=value\r\nhello\r\n1\r\n \r\n6\r\nworld!\r\n0\r\nX-Trailer: 1\r\n\r\n";
        ChunkedInputStream in = decoder(wire);

        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("hello world!");
        assertThat(in.complete()).isTrue();
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void acceptsUpperCaseHexAndBareLineFeeds() throws IOException {
        byte[] data = new byte[0x1A];
        Arrays.fill(data, (byte) 'x');
        String wire = "1A\n" + "x".repeat(0x1A) + "\n0\n\n";

        assertThat(decoder(wire).readAllBytes()).isEqualTo(data);
    }

    @Test
    void anEmptyBodyIsTheLastChunkAlone() throws IOException {
        ChunkedInputStream in = decoder("0\r\n\r\n");

        assertThat(in.readAllBytes()).isEmpty();
        assertThat(in.complete()).isTrue();
    }

    @Test
    void aStreamCutInsideAChunkFails() {
        ChunkedInputStream in = decoder("a\r\n01234");

        assertThatThrownBy(in::readAllBytes).isInstanceOf(TruncatedStreamException.class)
                .hasMessageContaining("ended inside a chunk, 5 bytes short");
    }

    @Test
    void aStreamCutBeforeTheLastChunkFails() {
        ChunkedInputStream in = decoder("5\r\nhello\r\n");

        assertThatThrownBy(in::readAllBytes).isInstanceOf(TruncatedStreamException.class)
                .hasMessageContaining("ended before a chunk size");
    }

    @Test
    void aStreamCutInsideTheTrailersFails() {
        assertThatThrownBy(decoder("5\r\nhello\r\n0\r\nX-Trailer: 1\r\n")::readAllBytes)
                .isInstanceOf(TruncatedStreamException.class);
    }

    @Test
    void anEmptyStreamIsNotAnEmptyBody() {
        assertThatThrownBy(decoder("")::readAllBytes).isInstanceOf(TruncatedStreamException.class)
                .hasMessageContaining("before its first chunk");
    }

    @Test
    void rejectsMalformedFraming() {
        assertThatThrownBy(decoder("zz\r\n")::readAllBytes).hasMessageContaining("chunk size 'zz'");
        assertThatThrownBy(decoder("5\r\nhelloXX\r\n0\r\n\r\n")::readAllBytes)
                .hasMessageContaining("instead of CRLF");
        assertThatThrownBy(decoder("1" + "0".repeat(15) + "\r\n")::readAllBytes).hasMessageContaining("chunk size");
        assertThatThrownBy(decoder("1;" + "x".repeat(ChunkedInputStream.MAX_LINE_BYTES) + "\r\n")::readAllBytes)
                .hasMessageContaining("longer than");
    }

    @Test
    void encodesGatheringSmallWritesAndPassingLargeOnes() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ChunkedOutputStream out = new ChunkedOutputStream(wire, 8);
        out.write("abc".getBytes(StandardCharsets.US_ASCII));
        out.write('d');
        out.write("efghij".getBytes(StandardCharsets.US_ASCII));
        out.write("0123456789".getBytes(StandardCharsets.US_ASCII));
        out.finish();

        assertThat(wire.toString(StandardCharsets.US_ASCII))
                .isEqualTo("4\r\nabcd\r\n6\r\nefghij\r\na\r\n0123456789\r\n0\r\n\r\n");
    }

    @Test
    void aBodyClosedWithoutFinishingHasNoLastChunk() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ChunkedOutputStream out = new ChunkedOutputStream(wire, 8);
        out.write("abc".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        out.close();

        assertThat(wire.toString(StandardCharsets.US_ASCII)).isEqualTo("3\r\nabc\r\n");
        assertThatThrownBy(decoder(wire.toString(StandardCharsets.US_ASCII))::readAllBytes)
                .isInstanceOf(TruncatedStreamException.class);
    }

    @Test
    void aLargeBodyRoundTripsThroughSmallReadsAndWrites() throws IOException {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(data);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        try (OutputStream out = new ChunkedOutputStream(wire, 64 * 1024)) {
            Random sizes = new Random(7);
            int at = 0;
            while (at < data.length) {
                int n = Math.min(data.length - at, 1 + sizes.nextInt(200_000));
                out.write(data, at, n);
                at += n;
            }
            ((ChunkedOutputStream) out).finish();
        }

        InputStream in = new ChunkedInputStream(new java.io.BufferedInputStream(new ByteArrayInputStream(wire.toByteArray())));
        ByteArrayOutputStream decoded = new ByteArrayOutputStream();
        byte[] buffer = new byte[1000];
        int n;
        while ((n = in.read(buffer)) != -1) {
            assertThat(n).isPositive();
            decoded.write(buffer, 0, n);
        }
        assertThat(decoded.toByteArray()).isEqualTo(data);
    }

    @Test
    void aFixedLengthBodyEndsAtItsLengthAndFailsWhenShort() throws IOException {
        InputStream exact = new FixedLengthInputStream(bytes("hello, and more"), 5);
        assertThat(new String(exact.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("hello");

        InputStream shorter = new FixedLengthInputStream(bytes("hel"), 5);
        assertThatThrownBy(shorter::readAllBytes).isInstanceOf(TruncatedStreamException.class)
                .hasMessageContaining("2 bytes short of its Content-Length");
    }

    private static ChunkedInputStream decoder(String wire) {
        return new ChunkedInputStream(bytes(wire));
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
