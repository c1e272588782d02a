package dev.slipway.distributor.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ssh-ed25519 with the JDK's Ed25519 in Apache MINA sshd, without Bouncy Castle on the class path: RFC 8032's test
 * vector, and a key pair as {@code ssh-keygen -t ed25519} writes it, read, used to sign and checked against its public
 * line. (Logging in to a real sshd with such a key is what every simulated node of the tests does.)
 */
class JdkEd25519SupportTest {
    @BeforeAll
    static void install() {
        JdkEd25519Registrar.install();
    }

    @Test
    void bouncyCastleIsNotOnTheClassPath() {
        // the point of JdkEd25519Support: sshd-core would pick Bouncy Castle (and load ~900 classes) if it were there
        assertThat(getClass().getClassLoader().getResource("org/bouncycastle/jce/provider/BouncyCastleProvider.class")).isNull();
        assertThat(BuiltinSignatures.ed25519.isSupported()).isTrue();
    }

    /** RFC 8032, 7.1, TEST 1: the public key of a secret key, and its signature of the empty message. */
    @Test
    void theJdkKeysMatchRfc8032() throws Exception {
        HexFormat hex = HexFormat.of();
        JdkEd25519Support support = new JdkEd25519Support();
        EdECPrivateKey secret = support.generateEDDSAPrivateKey(hex.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        EdECPublicKey recovered = support.recoverEDDSAPublicKey(secret);

        assertThat(hex.formatHex(support.getPublicKeyData(recovered)))
                .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        assertThat(support.compareEDDSAPPublicKeys(recovered, support.generateEDDSAPublicKey(support.getPublicKeyData(recovered)))).isTrue();
        assertThat(support.getPrivateKeyData(secret)).isEqualTo(hex.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));

        java.security.Signature jdk = java.security.Signature.getInstance("Ed25519");
        jdk.initSign(secret);
        assertThat(hex.formatHex(jdk.sign())).isEqualTo("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    }

    @Test
    void anOpenSshEd25519KeyIsReadAndSignsWhatItsPublicLineVerifies(@TempDir Path folder) throws Exception {
        Path key = folder.resolve("id_ed25519");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "slipway-test", "-f", key.toString());

        List<KeyPair> pairs = new ArrayList<>();
        new FileKeyPairProvider(key).loadKeys(null).forEach(pairs::add);
        assertThat(pairs).hasSize(1);
        KeyPair pair = pairs.get(0);
        assertThat(KeyUtils.getKeyType(pair)).isEqualTo("ssh-ed25519");
        assertThat(pair.getPublic()).isInstanceOf(EdECPublicKey.class);

        String line = Files.readString(folder.resolve("id_ed25519.pub"), StandardCharsets.US_ASCII).trim();
        PublicKey published = AuthorizedKeyEntry.parseAuthorizedKeyEntry(line).resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
        assertThat(KeyUtils.compareKeys(published, pair.getPublic())).isTrue();

        byte[] data = "exchange hash".getBytes(StandardCharsets.US_ASCII);
        Signature signer = BuiltinSignatures.ed25519.create();
        signer.initSigner(null, pair.getPrivate());
        signer.update(null, data);
        byte[] signature = signer.sign(null);
        Signature verifier = BuiltinSignatures.ed25519.create();
        verifier.initVerifier(null, published);
        verifier.update(null, data);
        assertThat(verifier.verify(null, signature)).isTrue();
        verifier.initVerifier(null, published);
        verifier.update(null, "another hash".getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(null, signature)).isFalse();
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }
}
