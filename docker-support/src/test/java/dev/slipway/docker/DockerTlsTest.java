package dev.slipway.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerTlsTest {
    @TempDir
    Path folder;

    @Test
    void withoutDockerTlsVerifyEnginesAreReachedWithoutTls() {
        assertThat(DockerTls.certificates(Map.of())).isEmpty();
        assertThat(DockerTls.certificates(Map.of("DOCKER_TLS_VERIFY", "0", "DOCKER_CERT_PATH", "/nowhere"))).isEmpty();
    }

    @Test
    void dockerTlsVerifyNamesTheCertificateFolder() throws Exception {
        for (String file : DockerTls.FILES) {
            Files.writeString(folder.resolve(file), "pem");
        }
        assertThat(DockerTls.certificates(Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", folder.toString())))
                .contains(folder);
        assertThat(DockerTls.certificates(Map.of("DOCKER_TLS_VERIFY", "true", "DOCKER_CERT_PATH", folder.toString())))
                .contains(folder);
    }

    @Test
    void tlsAskedForWithoutItsFilesIsRefusedNamingWhatIsMissing() throws Exception {
        assertThatThrownBy(() -> DockerTls.certificates(Map.of("DOCKER_TLS_VERIFY", "1")))
                .hasMessageContaining("DOCKER_CERT_PATH is not set");
        Files.writeString(folder.resolve("ca.pem"), "pem");
        Files.writeString(folder.resolve("key.pem"), "pem");
        assertThatThrownBy(() -> DockerTls.certificates(Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", folder.toString())))
                .hasMessageContaining("DOCKER_CERT_PATH=" + folder + " has no readable cert.pem");
    }
}
