package dev.slipway.distributor.ssh;

import dev.slipway.distributor.transport.TransportException;
import dev.slipway.events.names.NodeName;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Semaphore;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.session.helpers.MissingAttachedSessionException;
import org.jboss.logging.Logger;

/**
 * Runs commands on one node over SSH (Apache MINA sshd): key authentication with the node's private key,
 * the host key checked against a known_hosts file (an unknown host or a changed key is refused, never
 * accepted), and connection faults that pass (refused, reset) retried with a doubling backoff a bounded
 * number of times. The key is never logged or put in a message; only its path is.
 *
 * <p>One session per node is opened on first use and kept: every command after that is a channel on it
 * (a login costs about half a second; a channel a few milliseconds). A session the node closed meanwhile
 * is replaced, and a command whose channel could not be opened on it is tried once more on a new one. At
 * most {@link #MAX_CHANNELS} commands run on the node at once, below OpenSSH's default MaxSessions of 10.
 */
public final class SshRemote implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SshRemote.class);
    /**
     * Why a session's host key was refused, and what broke a session while connecting (sshd-core reports it
     * to listeners, not in the login's exception). Kept outside the session: closing it clears its attributes.
     * Weak keys: an entry goes with its session.
     */
    private final Map<Session, String> refusedHostKeys = Collections.synchronizedMap(new WeakHashMap<>());
    private final Map<Session, Throwable> sessionFaults = Collections.synchronizedMap(new WeakHashMap<>());
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    /** The longest a command (an import of a large image over a slow link) may take. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(30);
    private static final int ERROR_CHARS = 2000;
    /**
     * AES-GCM first: the JDK runs it on the CPU's AES instructions, where sshd-core's default first choice,
     * chacha20-poly1305, is plain Java (SshCipherBench: 200 MiB took 340 ms of CPU against 1350 ms). Then
     * chacha20-poly1305 and AES-CTR for servers without GCM; nothing weaker.
     */
    static final List<NamedFactory<Cipher>> CIPHERS = List.of(BuiltinCiphers.aes128gcm, BuiltinCiphers.aes256gcm,
            BuiltinCiphers.cc20p1305_openssh, BuiltinCiphers.aes128ctr, BuiltinCiphers.aes256ctr);
    /** Commands (channels) run on one node at once. */
    static final int MAX_CHANNELS = 6;

    /** What a remote command printed and how it ended, and how many bytes were sent to its stdin. */
    public record Result(int exitStatus, String stdout, String stderr, long sentBytes) {
        public boolean succeeded() {
            return exitStatus == 0;
        }
    }

    /** Writes a command's stdin. */
    @FunctionalInterface
    public interface StdinWriter {
        void writeTo(OutputStream stdin) throws IOException;
    }

    private final NodeName node;
    private final SshAddress address;
    private final Path knownHosts;
    private final List<KeyPair> keys;
    private final int attempts;
    private final Duration backoff;
    private final SshClient client;
    private final Semaphore channels = new Semaphore(MAX_CHANNELS, true);
    private ClientSession session;

    public SshRemote(NodeName node, SshAddress address, List<KeyPair> keys, Path knownHosts, int attempts, Duration backoff) {
        this.node = node;
        this.address = address;
        this.keys = List.copyOf(keys);
        this.knownHosts = knownHosts;
        this.attempts = Math.max(1, attempts);
        this.backoff = backoff;
        JdkEd25519Registrar.install();
        this.client = SshClient.setUpDefaultClient();
        client.setCipherFactories(CIPHERS);
        client.setServerKeyVerifier(new KnownHostsOnly(knownHosts));
        client.addSessionListener(new SessionListener() {
            @Override
            public void sessionException(Session session, Throwable failure) {
                sessionFaults.put(session, failure);
            }
        });
        client.start();
    }

    /** The node's session: the kept one while it is open, else a new one. */
    private synchronized ClientSession session() {
        if (session == null || !session.isOpen() || session.isClosing()) {
            if (session != null) {
                closeQuietly(session);
                LOG.debugf("node %s: the SSH session to %s was closed; opening a new one", node, address);
            }
            session = open();
        }
        return session;
    }

    /** Drops the kept session if it is still {@code broken}, so the next command opens a new one. */
    private synchronized void discard(ClientSession broken) {
        if (session == broken) {
            closeQuietly(broken);
            session = null;
        }
    }

    /** Opens an authenticated session, retrying faults that pass. */
    private ClientSession open() {
        Duration wait = backoff;
        for (int attempt = 1; ; attempt++) {
            try {
                return connect();
            } catch (TransientFault fault) {
                if (attempt >= attempts) {
                    throw new TransportException("node " + node + ": cannot reach the ssh-containerd node at " + address
                            + " after " + attempt + " attempts (" + describe(fault.getCause())
                            + "). Check that its sshd is up and that slipway.nodes." + node + ".address points at it.",
                            fault.getCause());
                }
                LOG.infof("node %s: connecting to %s failed (%s); attempt %d of %d in %d ms", node, address,
                        describe(fault.getCause()), attempt + 1, attempts, wait.toMillis());
                sleep(wait);
                wait = wait.multipliedBy(2);
            }
        }
    }

    private ClientSession connect() throws TransientFault {
        ClientSession session;
        try {
            session = client.connect(address.user(), address.connectHost(), address.port())
                    .verify(CONNECT_TIMEOUT).getSession();
        } catch (IOException e) {
            if (transientFault(e)) {
                throw new TransientFault(e);
            }
            throw new TransportException("node " + node + ": cannot connect to " + address + " (" + describe(e)
                    + "). Check slipway.nodes." + node + ".address.", e);
        }
        try {
            keys.forEach(session::addPublicKeyIdentity);
            session.auth().verify(CONNECT_TIMEOUT);
            return session;
        } catch (IOException e) {
            String refused = refusedHostKeys.remove(session);
            Throwable fault = sessionFaults.remove(session);
            boolean beforeKeyExchange = session.getServerKey() == null;
            closeQuietly(session);
            if (refused != null) {
                throw new TransportException("node " + node + ": " + refused, e);
            }
            if (transientFault(e) || (fault != null && transientFault(fault))) {
                throw new TransientFault(fault != null ? fault : e);
            }
            if (beforeKeyExchange) {
                // the node closed the connection before showing its host key (sshd restarting, MaxStartups)
                throw new TransientFault(fault != null ? fault : e);
            }
            throw new TransportException("node " + node + ": SSH login as " + address.user() + " at " + address
                    + " failed (" + describe(e) + "). Check that the public half of slipway.nodes." + node
                    + ".key is in that user's authorized_keys on the node.", e);
        }
    }

    /** Runs a command with nothing on its stdin. */
    public Result run(String command) {
        return execute(command, null);
    }

    /** Runs a command streaming {@code stdin} into it to its end, then closing the command's stdin. */
    public Result feed(String command, InputStream stdin) {
        return execute(command, stdin::transferTo);
    }

    /** Runs a command whose stdin {@code stdin} writes; the command's stdin is closed when it returns. */
    public Result feed(String command, StdinWriter stdin) {
        return execute(command, stdin);
    }

    private Result execute(String command, StdinWriter stdin) {
        try {
            channels.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("node " + node + " (" + address + "): interrupted before running `" + command + "`", e);
        }
        try {
            ClientSession current = session();
            try {
                return execute(current, command, stdin);
            } catch (ChannelNotOpened first) {
                discard(current);
                LOG.debugf("node %s: no channel on the kept session (%s); trying a new session", node, describe(first.getCause()));
                try {
                    return execute(session(), command, stdin);
                } catch (ChannelNotOpened second) {
                    throw new TransportException("node " + node + " (" + address + "): running `" + command + "` failed: "
                            + describe(second.getCause()), second.getCause());
                }
            }
        } finally {
            channels.release();
        }
    }

    private Result execute(ClientSession session, String command, StdinWriter stdin) throws ChannelNotOpened {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ChannelExec channel;
        try {
            channel = session.createExecChannel(command);
            channel.setOut(out);
            channel.setErr(err);
            channel.open().verify(CONNECT_TIMEOUT);
        } catch (IOException e) {
            throw new ChannelNotOpened(e);
        }
        try (channel) {
            IOException sending = null;
            CountingOutputStream counted = new CountingOutputStream(channel.getInvertedIn());
            try (OutputStream in = counted) {
                if (stdin != null) {
                    stdin.writeTo(in);
                }
            } catch (IOException e) {
                sending = e;
            }
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), COMMAND_TIMEOUT);
            Integer status = channel.getExitStatus();
            String stderr = tail(err.toString(StandardCharsets.UTF_8).strip());
            if (status == null) {
                throw new TransportException("node " + node + " (" + address + "): `" + command + "` ended without an exit status"
                        + (sending == null ? "" : " while sending (" + describe(sending) + ")")
                        + (stderr.isEmpty() ? "" : ": " + stderr), sending);
            }
            if (sending != null && (status == 0 || !counted.failed())) {
                // the command ended well but did not get everything, or what was being sent could not be read
                throw new TransportException("node " + node + " (" + address + "): sending to `" + command + "` failed: "
                        + describe(sending), sending);
            }
            return new Result(status, out.toString(StandardCharsets.UTF_8), stderr, counted.count());
        } catch (IOException e) {
            throw new TransportException("node " + node + " (" + address + "): running `" + command + "` failed: " + describe(e), e);
        }
    }

    private static String tail(String text) {
        return text.length() <= ERROR_CHARS ? text : "..." + text.substring(text.length() - ERROR_CHARS);
    }

    static boolean transientFault(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
                return true;
            }
            if (cause instanceof MissingAttachedSessionException) {
                // the connection was reset before sshd-core had attached its session to it
                return true;
            }
            String message = cause.getMessage();
            if (message != null && (message.contains("Connection reset") || message.contains("Connection refused")
                    || message.contains("Broken pipe"))) {
                return true;
            }
        }
        return false;
    }

    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        String kind = root.getClass().getSimpleName();
        return message == null || message.isBlank() ? kind : kind + ": " + message.strip();
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while waiting to reconnect", e);
        }
    }

    private static void closeQuietly(ClientSession session) {
        try {
            session.close();
        } catch (IOException e) {
            LOG.debugf("closing a session failed: %s", e);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (session != null) {
                closeQuietly(session);
                session = null;
            }
        }
        client.stop();
    }

    /** A channel could not be opened on a session (it was closed by the node, or refused the channel). */
    private static final class ChannelNotOpened extends Exception {
        ChannelNotOpened(IOException cause) {
            super(cause);
        }
    }

    /** Counts the bytes written through it, and whether a write failed. */
    private static final class CountingOutputStream extends java.io.FilterOutputStream {
        private long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        private boolean failed;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                failed = true;
                throw e;
            }
            count += len;
        }

        long count() {
            return count;
        }

        /** Whether writing to the channel failed (the command stopped reading), as opposed to producing the bytes. */
        boolean failed() {
            return failed;
        }
    }

    private static final class TransientFault extends Exception {
        TransientFault(Throwable cause) {
            super(cause);
        }
    }

    /** Accepts a host key only when known_hosts lists it for the host; records why it refused one. */
    private final class KnownHostsOnly extends KnownHostsServerKeyVerifier {
        KnownHostsOnly(Path knownHosts) {
            super(RejectAllServerKeyVerifier.INSTANCE, knownHosts);
        }

        @Override
        protected boolean acceptUnknownHostKey(ClientSession session, SocketAddress remote, PublicKey serverKey) {
            refusedHostKeys.put(session, "refused: the host key of " + address.host() + ":" + address.port()
                    + " is not in the known_hosts file " + knownHosts + " (unknown host). Add the node's host key there"
                    + " (e.g. ssh-keyscan -p " + address.port() + " " + address.host()
                    + ", after checking its fingerprint on the node).");
            return false;
        }

        @Override
        public boolean acceptModifiedServerKey(ClientSession session, SocketAddress remote, KnownHostEntry entry,
                PublicKey expected, PublicKey actual) {
            refusedHostKeys.put(session, "refused: the host key of " + address.host() + ":" + address.port()
                    + " does not match its entry in the known_hosts file " + knownHosts
                    + ". If the node was reinstalled, replace its line there after checking the new key's fingerprint;"
                    + " otherwise something else answers at that address.");
            return false;
        }
    }
}
