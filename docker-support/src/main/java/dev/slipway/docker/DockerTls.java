package dev.slipway.docker;

import com.github.dockerjava.core.LocalDirectorySSLConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;

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

    static SSLContext context(Path certificates) {
        try {
            return new LocalDirectorySSLConfig(certificates.toString()).getSSLContext();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot read the Docker TLS certificates in " + certificates + " ("
                    + CERT_PATH_ENV + "): " + e.getMessage(), e);
        }
    }
}
