package dev.slipway.distributor.ssh;

import dev.slipway.distributor.config.ConfiguredNode;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;

/** Builds an ssh-containerd transport from a node's validated configuration, loading its key once. */
public final class SshContainerdNodes {
    /** The first wait before reconnecting after a fault that passes; doubled on each further attempt. */
    static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

    private SshContainerdNodes() {}

    /** Throws {@link IllegalStateException} naming the key file (never its content) when it cannot be read. */
    public static SshContainerdTransport transport(ConfiguredNode.SshContainerd node) {
        JdkEd25519Registrar.install();
        List<KeyPair> keys = new ArrayList<>();
        try {
            new FileKeyPairProvider(node.key()).loadKeys(null).forEach(keys::add);
        } catch (RuntimeException e) {
            throw new IllegalStateException("slipway.nodes." + node.name() + ".key: the private key " + node.key()
                    + " cannot be read (" + e.getClass().getSimpleName() + "); it must be an unencrypted OpenSSH private key (ed25519, ecdsa or rsa)", e);
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException("slipway.nodes." + node.name() + ".key: " + node.key() + " holds no private key");
        }
        SshRemote remote = new SshRemote(node.name(), node.address(), keys, node.knownHosts(), node.connectAttempts(), FIRST_BACKOFF);
        return new SshContainerdTransport(node.name(), node.address(), remote, node.commands(), node.pin());
    }
}
