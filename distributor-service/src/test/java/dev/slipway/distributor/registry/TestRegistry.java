package dev.slipway.distributor.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The real docker-registry the tests push to, from the environment {@code scripts/registry.sh env} prints.
 * Reads it over plain HTTP on its own (not through the code under test) to show what a user would see.
 */
final class TestRegistry {
    static final String REGISTRY_ENV = "SLIPWAY_TEST_REGISTRY";
    static final String USER_ENV = "SLIPWAY_TEST_REGISTRY_USER";
    static final String PASSWORD_FILE_ENV = "SLIPWAY_TEST_REGISTRY_PASSWORD_FILE";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TestRegistry() {}

    /** The test registry's settings; fails with what to do when it is not running. */
    static RegistrySettings settings() {
        String registry = required(REGISTRY_ENV);
        return RegistrySettings.from(Optional.of(registry), Optional.of(required(USER_ENV)), Optional.of(required(PASSWORD_FILE_ENV)))
                .orElseThrow();
    }

    private static String required(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(variable + " is not set: these tests need a real docker-registry. "
                    + "Run them through scripts/test.sh, or start one with `scripts/registry.sh start` "
                    + "and `eval \"$(scripts/registry.sh env)\"`.");
        }
        return value;
    }

    /** GET /v2/<repository>/manifests/<reference> as the user; the status, the digest header and the body. */
    static Manifest manifest(RegistrySettings settings, String repository, String reference) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(settings.address().api("/v2/" + repository + "/manifests/" + reference))
                .header("Accept", RegistryHttpApi.DOCKER_MANIFEST + ", " + RegistryHttpApi.OCI_MANIFEST)
                .header("Authorization", settings.credentials().basic())
                .GET().build());
        try {
            return new Manifest(response.statusCode(), response.headers().firstValue("Docker-Content-Digest").orElse(null),
                    response.statusCode() == 200 ? JSON.readTree(response.body()) : null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a manifest the test pushed (the registry runs with deletes enabled). */
    static void delete(RegistrySettings settings, String repository, String digest) {
        send(HttpRequest.newBuilder(settings.address().api("/v2/" + repository + "/manifests/" + digest))
                .header("Authorization", settings.credentials().basic())
                .DELETE().build());
    }

    static Path passwordFile(Path directory, String password) {
        try {
            Path file = directory.resolve("password");
            Files.writeString(file, password + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Manifest(int status, String digest, JsonNode body) {
        String configDigest() {
            return body.path("config").path("digest").asText();
        }

        long configSize() {
            return body.path("config").path("size").asLong();
        }

        long layerSize(int index) {
            return body.path("layers").get(index).path("size").asLong();
        }

        int layers() {
            return body.path("layers").size();
        }
    }
}
