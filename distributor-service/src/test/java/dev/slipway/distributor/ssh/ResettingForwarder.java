package dev.slipway.distributor.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP forwarder on a loopback port in front of a real sshd: it resets the first {@code resets}
 * connections (accept, then close with SO_LINGER 0, so the client reads "Connection reset"), then
 * forwards every further connection to the sshd byte for byte. A transient fault, for the retry test.
 */
final class ResettingForwarder implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final AtomicInteger resetsLeft;
    private final AtomicInteger accepted = new AtomicInteger();

    ResettingForwarder(int targetPort, int resets) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.resetsLeft = new AtomicInteger(resets);
        Thread acceptor = new Thread(this::accept, "slipway-test-forwarder");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    int accepted() {
        return accepted.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                accepted.incrementAndGet();
                if (resetsLeft.getAndDecrement() > 0) {
                    client.setSoLinger(true, 0);
                    client.close();
                    continue;
                }
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                pump(client, target);
                pump(target, client);
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // one side closed: the other is closed below
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }, "slipway-test-forwarder-pump");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
