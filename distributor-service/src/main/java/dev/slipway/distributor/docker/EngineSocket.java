package dev.slipway.distributor.docker;

import dev.slipway.docker.DockerEngines;
import dev.slipway.docker.DockerTls;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One connection to a Docker engine: {@code unix:///path/docker.sock} through a Unix-domain
 * {@link SocketChannel}, {@code tcp://host:port} through a TCP one, or over TLS when Docker's variables ask for it
 * ({@link DockerTls}: {@code DOCKER_TLS_VERIFY}, {@code DOCKER_CERT_PATH}; the engine's certificate is checked against
 * the CA and the address). Reading and writing may happen on two
 * threads at once. A connection on which nothing moves for the idle timeout is closed, so a hung engine
 * fails the call instead of holding its thread forever (docker-java's response timeout did the same).
 */
final class EngineSocket implements Closeable {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "slipway-engine-socket-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final URI engine;
    private final Link link;
    private final Duration idleTimeout;
    private final ScheduledFuture<?> watch;
    private final InputStream in = new ChannelIn();
    private final OutputStream out = new ChannelOut();
    private volatile long lastActivity = System.nanoTime();
    private volatile boolean idledOut;

    private EngineSocket(URI engine, Link link, Duration idleTimeout) {
        this.engine = engine;
        this.link = link;
        this.idleTimeout = idleTimeout;
        long period = Math.max(10, Math.min(idleTimeout.toMillis() / 4, 30_000));
        this.watch = WATCHDOG.scheduleAtFixedRate(this::closeIfIdle, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Connects to {@code engine}; fails with {@link EngineUnreachableException} naming the address, or with
     * {@link IllegalArgumentException} when the address is not an engine address at all.
     */
    static EngineSocket connect(URI engine) throws EngineUnreachableException {
        return connect(engine, IDLE_TIMEOUT);
    }

    static EngineSocket connect(URI engine, Duration idleTimeout) throws EngineUnreachableException {
        URI address = DockerEngines.address(engine.toString());
        Closeable opened = null;
        try {
            if ("unix".equals(address.getScheme())) {
                SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                opened = channel;
                channel.connect(UnixDomainSocketAddress.of(address.getPath()));
                return new EngineSocket(engine, new ChannelLink(channel), idleTimeout);
            }
            Optional<SSLContext> tls = DockerTls.fromEnvironment();
            if (tls.isPresent()) {
                Socket plain = new Socket();
                opened = plain;
                plain.connect(new InetSocketAddress(address.getHost(), address.getPort()), (int) CONNECT_TIMEOUT.toMillis());
                plain.setTcpNoDelay(true);
                SSLSocket socket = (SSLSocket) tls.get().getSocketFactory().createSocket(plain, address.getHost(), address.getPort(), true);
                opened = socket;
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                socket.setSoTimeout((int) CONNECT_TIMEOUT.toMillis());
                socket.startHandshake();
                socket.setSoTimeout(0);
                return new EngineSocket(engine, new TlsLink(socket, socket.getInputStream(), socket.getOutputStream()), idleTimeout);
            }
            SocketChannel channel = SocketChannel.open();
            opened = channel;
            channel.socket().connect(new InetSocketAddress(address.getHost(), address.getPort()), (int) CONNECT_TIMEOUT.toMillis());
            channel.socket().setTcpNoDelay(true);
            return new EngineSocket(engine, new ChannelLink(channel), idleTimeout);
        } catch (IOException | RuntimeException e) {
            closeQuietly(opened);
            throw new EngineUnreachableException(address, e);
        }
    }

    /** The value of the {@code Host} header: the engine's host and port, or {@code docker} for a socket file. */
    String hostHeader() {
        return "tcp".equals(engine.getScheme()) ? engine.getHost() + ":" + engine.getPort() : "docker";
    }

    URI engine() {
        return engine;
    }

    InputStream in() {
        return in;
    }

    OutputStream out() {
        return out;
    }

    @Override
    public void close() throws IOException {
        watch.cancel(false);
        link.close();
    }

    private void closeIfIdle() {
        if (System.nanoTime() - lastActivity > idleTimeout.toNanos()) {
            idledOut = true;
            watch.cancel(false);
            closeQuietly(link);
        }
    }

    private IOException failure(IOException e) {
        if (idledOut) {
            return new EngineHttpException("the engine at " + engine + " sent and took nothing for "
                    + idleTimeout.toSeconds() + " s; the connection was closed", e);
        }
        if (e instanceof AsynchronousCloseException) {
            return new EngineHttpException("the connection to the engine at " + engine + " was closed", e);
        }
        return e;
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException ignored) {
            // closing after a failure: the failure is what is reported
        }
    }

    private final class ChannelIn extends BulkInputStream {
        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            try {
                int n = link.read(b, off, len);
                lastActivity = System.nanoTime();
                return n;
            } catch (IOException e) {
                throw failure(e);
            }
        }

        @Override
        public void close() throws IOException {
            EngineSocket.this.close();
        }
    }

    private final class ChannelOut extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                link.write(b, off, len);
                lastActivity = System.nanoTime();
            } catch (IOException e) {
                throw failure(e);
            }
        }

        @Override
        public void close() throws IOException {
            EngineSocket.this.close();
        }
    }

    /** The bytes' way to the engine: a socket channel, or a TLS socket's streams. */
    private interface Link extends Closeable {
        int read(byte[] b, int off, int len) throws IOException;

        void write(byte[] b, int off, int len) throws IOException;
    }

    private record ChannelLink(SocketChannel channel) implements Link {
        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return channel.read(ByteBuffer.wrap(b, off, len));
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private record TlsLink(SSLSocket socket, InputStream in, OutputStream out) implements Link {
        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in.read(b, off, len);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
