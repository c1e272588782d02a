package dev.slipway.e2e.secured;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A certificate authority and a broker certificate it signed for {@code localhost} and {@code 127.0.0.1}, made with
 * openssl for one test run; and a second CA that signed nothing, for the handshake that must fail.
 * {@link #brokerPem()} holds the broker's PKCS#8 key and certificate, as Kafka's PEM key store reads them.
 */
public record TestCertificates(Path ca, Path otherCa, Path brokerPem) {
    static TestCertificates create(Path dir) {
        try {
            Files.createDirectories(dir);
            openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2",
                    "-subj", "/CN=slipway-test-ca");
            openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other-ca.key", "-out", "other-ca.crt",
                    "-days", "2", "-subj", "/CN=another-ca");
            openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "broker.key", "-out", "broker.csr",
                    "-subj", "/CN=localhost");
            Files.writeString(dir.resolve("broker.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
            openssl(dir, "x509", "-req", "-in", "broker.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                    "-out", "broker.crt", "-days", "2", "-extfile", "broker.ext");
            Path pem = dir.resolve("broker.pem");
            Files.writeString(pem, Files.readString(dir.resolve("broker.key")) + Files.readString(dir.resolve("broker.crt")));
            return new TestCertificates(dir.resolve("ca.crt"), dir.resolve("other-ca.crt"), pem);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void openssl(Path dir, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running openssl", e);
        }
    }
}
