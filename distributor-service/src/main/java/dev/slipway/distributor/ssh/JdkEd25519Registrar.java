package dev.slipway.distributor.ssh;

import java.security.Provider;
import java.security.Security;
import java.util.Optional;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.loader.openssh.OpenSSHKeyPairResourceParser;
import org.apache.sshd.common.util.security.AbstractSecurityProviderRegistrar;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.common.util.security.eddsa.generic.EdDSASupport;

/**
 * Registers {@link JdkEd25519Support} with Apache MINA sshd, so ssh-ed25519 login and host keys work without Bouncy
 * Castle. It claims no other algorithm: everything else comes from the JDK's providers as sshd-core picks them.
 * {@link #install()} before sshd reads a key or opens a client; it is idempotent.
 */
public final class JdkEd25519Registrar extends AbstractSecurityProviderRegistrar {
    private static final String NAME = "JdkEd25519";
    private static final String PROVIDER = "SunEC";
    private static final JdkEd25519Support SUPPORT = new JdkEd25519Support();
    private static boolean installed;

    public JdkEd25519Registrar() {
        super(NAME);
    }

    /**
     * Registers the support, and the ed25519 key decoders with the two sshd-core tables filled when their classes were
     * first used (before this, if a key was read earlier): known_hosts and public keys, and OpenSSH private key files.
     */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        SecurityUtils.registerSecurityProvider(new JdkEd25519Registrar());
        KeyUtils.registerPublicKeyEntryDecoder(SUPPORT.getEDDSAPublicKeyEntryDecoder());
        OpenSSHKeyPairResourceParser.registerPrivateKeyEntryDecoder(SUPPORT.getOpenSSHEDDSAPrivateKeyEntryDecoder());
        installed = true;
    }

    @Override
    public boolean isEnabled() {
        return true;
    }

    /** The JDK's Ed25519 is there from Java 15 on, unless a security policy removed SunEC. */
    @Override
    public boolean isSupported() {
        return Security.getProvider(PROVIDER) != null;
    }

    @Override
    public String getProviderName() {
        return PROVIDER;
    }

    @Override
    public Provider getSecurityProvider() {
        return Security.getProvider(PROVIDER);
    }

    /** Never the named provider: the entities (there are none claimed) come from the JDK's default choice. */
    @Override
    public boolean isNamedProviderUsed() {
        return false;
    }

    @Override
    public boolean isSecurityEntitySupported(Class<?> entityType, String name) {
        return false;
    }

    @Override
    public Optional<EdDSASupport<?, ?>> getEdDSASupport() {
        return Optional.of(SUPPORT);
    }
}
