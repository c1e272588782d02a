package dev.slipway.distributor.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A TCP listener on a random loopback port in front of a real engine's Unix socket, so the engine is
 * also reachable as {@code tcp://127.0.0.1:<port>}. It can cut each answer short, as a connection lost
 * half-way would: after a number of bytes, or right after the answer's head.
 */
final class EngineForwarder implements AutoCloseable {
    /** How much of each answer reaches the client. */
    enum Cut { NOTHING, AFTER_BYTES, AFTER_HEAD }

    private final ServerSocket server;
    private final String engineSocket;
    private final Cut cut;
    private final long cutBytes;

    private EngineForwarder(URI engine, Cut cut, long cutBytes) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.engineSocket = engine.getPath();
        this.cut = cut;
        this.cutBytes = cutBytes;
        Thread acceptor = new Thread(this::accept, "slipway-test-engine-forwarder");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static EngineForwarder whole(String engine) throws IOException {
        return new EngineForwarder(URI.create(engine), Cut.NOTHING, 0);
    }

    /** Closes each connection once {@code bytes} of the answer have passed. */
    static EngineForwarder cuttingAfter(String engine, long bytes) throws IOException {
        return new EngineForwarder(URI.create(engine), Cut.AFTER_BYTES, bytes);
    }

    /** Closes each connection as soon as the answer's head has passed, before its body. */
    static EngineForwarder cuttingAfterHead(String engine) throws IOException {
        return new EngineForwarder(URI.create(engine), Cut.AFTER_HEAD, 0);
    }

    String address() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                SocketChannel target = SocketChannel.open(StandardProtocolFamily.UNIX);
                target.connect(UnixDomainSocketAddress.of(engineSocket));
                pump(client.getInputStream(), out(target), Long.MAX_VALUE, false, client, target);
                pump(in(target), client.getOutputStream(),
                        cut == Cut.AFTER_BYTES ? cutBytes : Long.MAX_VALUE, cut == Cut.AFTER_HEAD, client, target);
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void pump(InputStream from, OutputStream to, long limit, boolean headOnly,
            AutoCloseable client, AutoCloseable target) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            long passed = 0;
            long stopAt = limit;
            int matched = 0;
            try {
                int n;
                while (passed < stopAt && (n = from.read(buffer)) != -1) {
                    int allowed = (int) Math.min(n, stopAt - passed);
                    if (headOnly) {
                        for (int i = 0; i < n; i++) {
                            matched = buffer[i] == "\r\n\r\n".charAt(matched) ? matched + 1 : (buffer[i] == '\r' ? 1 : 0);
                            if (matched == 4) {
                                allowed = i + 1;
                                stopAt = passed + allowed;
                                break;
                            }
                        }
                    }
                    to.write(buffer, 0, allowed);
                    to.flush();
                    passed += allowed;
                }
            } catch (IOException e) {
                // one side closed: both are closed below
            } finally {
                closeQuietly(client);
                closeQuietly(target);
            }
        }, "slipway-test-engine-forwarder-pump");
        thread.setDaemon(true);
        thread.start();
    }

    /** Channels.newInputStream/newOutputStream would serialise reads and writes on one channel (JDK 17). */
    private static InputStream in(SocketChannel channel) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return channel.read(ByteBuffer.wrap(b, off, len));
            }
        };
    }

    private static OutputStream out(SocketChannel channel) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        };
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
