package dev.slipway.distributor.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistrySettingsTest {
    @TempDir
    Path temp;

    @Test
    void noUrlMeansNoRegistry() {
        assertThat(RegistrySettings.from(Optional.empty(), Optional.empty(), Optional.empty())).isEmpty();
        assertThat(RegistrySettings.from(Optional.of(" "), Optional.empty(), Optional.empty())).isEmpty();
    }

    @Test
    void credentialsWithoutAUrlAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> RegistrySettings.from(Optional.empty(), Optional.of("ci"), Optional.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("slipway.registry.url is not");
    }

    @Test
    void loopbackRegistriesAreSpokenToOverPlainHttpAndOthersOverHttps() {
        assertThat(RegistryAddress.parse("127.0.0.1:5000")).isEqualTo(new RegistryAddress("127.0.0.1:5000", true));
        assertThat(RegistryAddress.parse("localhost:5000").plainHttp()).isTrue();
        assertThat(RegistryAddress.parse("registry.example.com").plainHttp()).isFalse();
        assertThat(RegistryAddress.parse("http://10.0.0.5:5000/")).isEqualTo(new RegistryAddress("10.0.0.5:5000", true));
        assertThat(RegistryAddress.parse("https://127.0.0.1:5000").plainHttp()).isFalse();
        assertThat(RegistryAddress.parse("registry.example.com:443").api("/v2/app/manifests/1.0"))
                .hasToString("https://registry.example.com:443/v2/app/manifests/1.0");
    }

    @Test
    void addressesThatAreNotHostAndPortAreRefusedNamingTheKey() {
        for (String bad : new String[] {"reg;rm -rf /:5000", "reg:5000/path", "reg:99999", "-reg", "reg:port", "user@reg:5000"}) {
            assertThatThrownBy(() -> RegistrySettings.from(Optional.of(bad), Optional.empty(), Optional.empty()))
                    .as(bad)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("slipway.registry.url: registry address");
        }
    }

    @Test
    void everyProblemIsListedWithItsKey() {
        assertThatThrownBy(() -> RegistrySettings.from(Optional.of("reg:5000/x"), Optional.of("bad user"),
                Optional.of(temp.resolve("missing").toString())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("slipway.registry.url: registry address 'reg:5000/x' is not valid")
                .hasMessageContaining("slipway.registry.username: 'bad user' is not a valid user name")
                .hasMessageContaining("slipway.registry.password-file: " + temp.resolve("missing") + " is not a readable file");
        assertThatThrownBy(() -> RegistrySettings.from(Optional.of("reg:5000"), Optional.of("ci"), Optional.empty()))
                .hasMessageContaining("slipway.registry.password-file is not set");
    }

    @Test
    void thePasswordIsReadFromItsFileAndNeverShown() throws IOException {
        Path file = Files.writeString(temp.resolve("password"), "s3cret-value\n");
        RegistrySettings settings = RegistrySettings.from(Optional.of("127.0.0.1:5000"), Optional.of("ci"),
                Optional.of(file.toString())).orElseThrow();

        RegistryCredentials credentials = settings.credentials();

        assertThat(credentials.password()).isEqualTo("s3cret-value");
        assertThat(credentials.toString()).isEqualTo("user ci");
        assertThat(settings.toString()).doesNotContain("s3cret");
    }

    @Test
    void anEmptyPasswordFileFailsThePushNamingTheKey() throws IOException {
        Path file = Files.writeString(temp.resolve("password"), "\n");
        RegistrySettings settings = RegistrySettings.from(Optional.of("127.0.0.1:5000"), Optional.of("ci"),
                Optional.of(file.toString())).orElseThrow();

        assertThatThrownBy(settings::credentials).isInstanceOf(RegistryException.class)
                .hasMessageContaining("is empty; check slipway.registry.password-file");
    }
}
