package dev.slipway.docker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS to {@code tcp://} Docker engines, from Docker's own variables, as the docker CLI and docker-java read them:
 * {@code DOCKER_TLS_VERIFY=1} (or {@code true}) turns it on, {@code DOCKER_CERT_PATH} names the folder holding the
 * engine's CA ({@code ca.pem}) and this client's certificate and key ({@code cert.pem}, {@code key.pem}). The engine's
 * certificate must be signed by that CA and name the address connected to. Unix sockets never use it.
 */
public final class DockerTls {
    public static final String VERIFY_ENV = "DOCKER_TLS_VERIFY";
    public static final String CERT_PATH_ENV = "DOCKER_CERT_PATH";
    public static final List<String> FILES = List.of("ca.pem", "cert.pem", "key.pem");

    private DockerTls() {}

    /**
     * The certificate folder when the variables turn TLS on (empty when they do not); refused, naming the variable
     * or file, when TLS is asked for without a complete folder.
     */
    public static Optional<Path> certificates(Map<String, String> environment) {
        String verify = environment.getOrDefault(VERIFY_ENV, "").trim();
        if (!verify.equals("1") && !verify.equalsIgnoreCase("true")) {
            return Optional.empty();
        }
        String folder = environment.getOrDefault(CERT_PATH_ENV, "").trim();
        if (folder.isEmpty()) {
            throw new IllegalArgumentException(VERIFY_ENV + "=" + verify + " asks for TLS to the Docker engine, but "
                    + CERT_PATH_ENV + " is not set: set it to the folder holding ca.pem, cert.pem and key.pem");
        }
        Path path = Path.of(folder);
        for (String file : FILES) {
            if (!Files.isReadable(path.resolve(file))) {
                throw new IllegalArgumentException(CERT_PATH_ENV + "=" + folder + " has no readable " + file
                        + ": TLS to the Docker engine needs the engine's CA (ca.pem) and this client's certificate and key "
                        + "(cert.pem, key.pem) there");
            }
        }
        return Optional.of(path);
    }

    /** The TLS context of this process's environment, or empty when it does not ask for TLS. */
    public static Optional<SSLContext> fromEnvironment() {
        return certificates(System.getenv()).map(DockerTls::context);
    }

    /**
     * The TLS context of a certificate folder: this client's key and certificate chain as its identity, the CAs of
     * ca.pem as the only ones trusted. Read with the JDK alone ({@link PemFiles}); refused, naming the file, when one
     * cannot be read or key.pem is not the key of cert.pem's certificate.
     */
    static SSLContext context(Path certificates) {
        try {
            List<X509Certificate> authorities = PemFiles.certificates(certificates.resolve("ca.pem"));
            List<X509Certificate> chain = PemFiles.certificates(certificates.resolve("cert.pem"));
            PrivateKey key = PemFiles.privateKey(certificates.resolve("key.pem"));
            requireKeyOf(chain.get(0), key);
            // an in-memory key store only: its password protects nothing and is never written anywhere
            char[] password = UUID.randomUUID().toString().toCharArray();
            KeyStore identity = KeyStore.getInstance("PKCS12");
            identity.load(null, null);
            identity.setKeyEntry("client", key, password, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(identity, password);
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            for (int i = 0; i < authorities.size(); i++) {
                trusted.setCertificateEntry("ca-" + i, authorities.get(i));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return tls;
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read the Docker TLS certificates in " + certificates + " ("
                    + CERT_PATH_ENV + "): " + e.getMessage(), e);
        }
    }

    /** Refuses a key.pem that is not the key of cert.pem (a signature made with it does not verify with the certificate). */
    private static void requireKeyOf(X509Certificate certificate, PrivateKey key) throws GeneralSecurityException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> null; // RSASSA-PSS needs parameters; the handshake checks it
        };
        if (algorithm == null) {
            return;
        }
        byte[] probe = "slipway: key.pem belongs to cert.pem".getBytes(StandardCharsets.US_ASCII);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            matches = verifier.verify(signature);
        } catch (InvalidKeyException | SignatureException e) {
            matches = false;
        }
        if (!matches) {
            throw new IllegalArgumentException("key.pem is not the key of the certificate in cert.pem ("
                    + certificate.getSubjectX500Principal().getName() + "): put the key that certificate was made for there");
        }
    }
}
