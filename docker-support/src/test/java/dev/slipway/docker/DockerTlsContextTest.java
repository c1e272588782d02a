package dev.slipway.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Docker TLS folders as OpenSSL writes them (the {@code openssl} program makes every key and certificate here), read by
 * {@link DockerTls} with the JDK alone, and used for real: a mutual-TLS handshake on loopback with a server that
 * requires this client's certificate, as a Docker engine started with {@code --tlsverify} does.
 */
class DockerTlsContextTest {
    @TempDir
    static Path pki;

    @BeforeAll
    static void authority() throws Exception {
        openssl(pki, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                "-days", "2", "-subj", "/CN=slipway-test-ca");
        Path server = Files.createDirectories(pki.resolve("server"));
        Files.copy(pki.resolve("ca.pem"), server.resolve("ca.pem"));
        openssl(server, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "key.pem");
        Files.writeString(server.resolve("ext.cnf"), "subjectAltName=IP:127.0.0.1\n");
        sign(server, "/CN=engine", "-extfile", "ext.cnf");
    }

    /** The key forms: PKCS#8 RSA (OpenSSL 3), PKCS#1 RSA (OpenSSL 1, docker-machine), SEC1 EC, PKCS#8 Ed25519. */
    @ParameterizedTest
    @ValueSource(strings = {"pkcs8-rsa", "pkcs1-rsa", "sec1-ec", "pkcs8-ed25519"})
    void aClientKeyInEachFormOpenSslWritesCompletesAMutualTlsHandshake(String form, @TempDir Path folder) throws Exception {
        Files.copy(pki.resolve("ca.pem"), folder.resolve("ca.pem"));
        switch (form) {
            case "pkcs8-rsa" -> openssl(folder, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "key.pem");
            case "pkcs1-rsa" -> openssl(folder, "genrsa", "-traditional", "-out", "key.pem", "2048");
            // without -noout: an EC PARAMETERS block comes first, as `openssl ecparam -genkey` writes by default
            case "sec1-ec" -> openssl(folder, "ecparam", "-name", "prime256v1", "-genkey", "-out", "key.pem");
            case "pkcs8-ed25519" -> openssl(folder, "genpkey", "-algorithm", "ed25519", "-out", "key.pem");
            default -> throw new IllegalArgumentException(form);
        }
        String header = Files.readAllLines(folder.resolve("key.pem")).get(0);
        assertThat(header).isEqualTo(switch (form) {
            case "pkcs1-rsa" -> "-----BEGIN RSA PRIVATE KEY-----";
            case "sec1-ec" -> "-----BEGIN EC PARAMETERS-----";
            default -> "-----BEGIN PRIVATE KEY-----";
        });
        sign(folder, "/CN=client-" + form);

        assertThat(handshake(DockerTls.context(folder))).isEqualTo("CN=client-" + form);
    }

    /** docker-java over the zerodep transport with the context (its own TLS reader, which needs Bouncy Castle, stays off). */
    @Test
    void dockerJavaPingsAnEngineOverMutualTlsWithTheContext(@TempDir Path folder) throws Exception {
        clientFolder(folder);
        SSLContext server = DockerTls.context(pki.resolve("server"));
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0)) {
            listener.setNeedClientAuth(true);
            CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) listener.accept()) {
                    BufferedReader in = new BufferedReader(
                            new InputStreamReader(accepted.getInputStream(), StandardCharsets.US_ASCII));
                    String requestLine = in.readLine();
                    for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
                        // the request's headers
                    }
                    accepted.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n"
                            + "Connection: close\r\n\r\nOK").getBytes(StandardCharsets.US_ASCII));
                    accepted.getOutputStream().flush();
                    return requestLine + " from " + accepted.getSession().getPeerPrincipal().getName();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (DockerClient docker = DockerEngines.connect(
                    URI.create("tcp://127.0.0.1:" + listener.getLocalPort()), Optional.of(DockerTls.context(folder)))) {
                docker.pingCmd().exec();
            }
            assertThat(seen.get(30, TimeUnit.SECONDS)).matches("GET /(v[0-9.]+/)?_ping HTTP/1.1 from CN=client");
        }
    }

    @Test
    void anEncryptedKeyIsRefusedWithTheCommandThatDecryptsIt(@TempDir Path folder) throws Exception {
        clientFolder(folder);
        openssl(folder, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-aes-256-cbc",
                "-pass", "pass:secret", "-out", "key.pem");

        assertThatThrownBy(() -> DockerTls.context(folder))
                .hasMessageContaining("cannot read the Docker TLS certificates in " + folder + " (DOCKER_CERT_PATH)")
                .hasMessageContaining("key.pem is encrypted")
                .hasMessageContaining("openssl pkey -in key.pem -out key.pem");
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefused(@TempDir Path folder) throws Exception {
        clientFolder(folder);
        openssl(folder, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "key.pem");

        assertThatThrownBy(() -> DockerTls.context(folder))
                .hasMessageContaining("key.pem is not the key of the certificate in cert.pem (CN=client)");
    }

    @Test
    void filesWithoutWhatTheyShouldHoldAreNamed(@TempDir Path folder) throws Exception {
        clientFolder(folder);
        Files.writeString(folder.resolve("key.pem"), "not a key\n");
        assertThatThrownBy(() -> DockerTls.context(folder))
                .hasMessageContaining("key.pem holds no private key: expected one block -----BEGIN PRIVATE KEY-----");

        clientFolder(folder);
        Files.writeString(folder.resolve("ca.pem"), "");
        assertThatThrownBy(() -> DockerTls.context(folder))
                .hasMessageContaining("ca.pem holds no certificate");

        clientFolder(folder);
        Files.writeString(folder.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n");
        assertThatThrownBy(() -> DockerTls.context(folder))
                .hasMessageContaining("cert.pem: the CERTIFICATE block has no -----END CERTIFICATE----- line");
    }

    /** A complete client folder: the CA, a PKCS#8 RSA key and its certificate, CN=client. */
    private static void clientFolder(Path folder) throws Exception {
        Files.copy(pki.resolve("ca.pem"), folder.resolve("ca.pem"), StandardCopyOption.REPLACE_EXISTING);
        openssl(folder, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "key.pem");
        sign(folder, "/CN=client");
    }

    /** Writes cert.pem in {@code folder}: key.pem's certificate, signed by the test CA. */
    private static void sign(Path folder, String subject, String... extra) throws Exception {
        openssl(folder, "req", "-new", "-key", "key.pem", "-out", "req.csr", "-subj", subject);
        List<String> args = new ArrayList<>(List.of("x509", "-req", "-in", "req.csr", "-CA", pki.resolve("ca.pem").toString(),
                "-CAkey", pki.resolve("ca.key").toString(), "-CAcreateserial", "-out", "cert.pem", "-days", "2"));
        args.addAll(List.of(extra));
        openssl(folder, args.toArray(new String[0]));
    }

    /** Connects with {@code client} to a loopback server that requires a client certificate; the name it saw. */
    private static String handshake(SSLContext client) throws Exception {
        SSLContext server = DockerTls.context(pki.resolve("server"));
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0)) {
            listener.setNeedClientAuth(true);
            CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) listener.accept()) {
                    InputStream in = accepted.getInputStream();
                    int hello = in.read();
                    accepted.getOutputStream().write(hello);
                    accepted.getOutputStream().flush();
                    return accepted.getSession().getPeerPrincipal().getName();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", listener.getLocalPort())) {
                OutputStream out = socket.getOutputStream();
                out.write(42);
                out.flush();
                assertThat(socket.getInputStream().read()).isEqualTo(42);
            }
            return seen.get(30, TimeUnit.SECONDS);
        }
    }

    private static void openssl(Path directory, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("these tests need the openssl program (Debian: apt-get install openssl)", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }
}
