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
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.jboss.logging.Logger;

/**
 * Runs commands on one node over SSH (Apache MINA sshd): key authentication with the node's private key,
 * the host key checked against a known_hosts file (an unknown host or a changed key is refused, never
 * accepted), and connection faults that pass (refused, reset) retried with a doubling backoff a bounded
 * number of times. The key is never logged or put in a message; only its path is.
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

    /** What a remote command printed and how it ended. */
    public record Result(int exitStatus, String stdout, String stderr) {
        public boolean succeeded() {
            return exitStatus == 0;
        }
    }

    private final NodeName node;
    private final SshAddress address;
    private final Path knownHosts;
    private final List<KeyPair> keys;
    private final int attempts;
    private final Duration backoff;
    private final SshClient client;

    public SshRemote(NodeName node, SshAddress address, List<KeyPair> keys, Path knownHosts, int attempts, Duration backoff) {
        this.node = node;
        this.address = address;
        this.keys = List.copyOf(keys);
        this.knownHosts = knownHosts;
        this.attempts = Math.max(1, attempts);
        this.backoff = backoff;
        this.client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(new KnownHostsOnly(knownHosts));
        client.addSessionListener(new SessionListener() {
            @Override
            public void sessionException(Session session, Throwable failure) {
                sessionFaults.put(session, failure);
            }
        });
        client.start();
    }

    /** Opens an authenticated session, retrying faults that pass; the caller closes it. */
    public ClientSession open() {
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
    public Result run(ClientSession session, String command) {
        return execute(session, command, null);
    }

    /** Runs a command streaming {@code stdin} into it to its end, then closing the command's stdin. */
    public Result feed(ClientSession session, String command, InputStream stdin) {
        return execute(session, command, stdin);
    }

    private Result execute(ClientSession session, String command, InputStream stdin) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ChannelExec channel = session.createExecChannel(command)) {
            channel.setOut(out);
            channel.setErr(err);
            channel.open().verify(CONNECT_TIMEOUT);
            IOException sending = null;
            try (OutputStream in = channel.getInvertedIn()) {
                if (stdin != null) {
                    stdin.transferTo(in);
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
            if (sending != null && status == 0) {
                throw new TransportException("node " + node + " (" + address + "): sending to `" + command + "` failed: "
                        + describe(sending), sending);
            }
            return new Result(status, out.toString(StandardCharsets.UTF_8), stderr);
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
            LOG.debugf("closing a refused session failed: %s", e);
        }
    }

    @Override
    public void close() {
        client.stop();
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
