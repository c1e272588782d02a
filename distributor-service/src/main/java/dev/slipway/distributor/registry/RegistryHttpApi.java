package dev.slipway.distributor.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.events.names.Version;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads manifests through the registry HTTP API v2 ({@code GET /v2/<repository>/manifests/<tag>}), accepting
 * Docker v2 and OCI manifests. Authenticates as the registry asks in {@code WWW-Authenticate}: HTTP basic,
 * or a bearer token fetched from the realm it names with the credentials. The credentials are read when a
 * challenge needs them and are never part of a message.
 */
public final class RegistryHttpApi implements ImageRegistry {
    static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    private static final String ACCEPT = String.join(", ", DOCKER_MANIFEST, OCI_MANIFEST, DOCKER_LIST, OCI_INDEX);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryAddress address;
    private final Supplier<RegistryCredentials> credentials;
    private final HttpClient http;

    public RegistryHttpApi(RegistrySettings settings) {
        this(settings.address(), settings::credentials);
    }

    RegistryHttpApi(RegistryAddress address, Supplier<RegistryCredentials> credentials) {
        this.address = address;
        this.credentials = credentials;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    @Override
    public RegistryAddress address() {
        return address;
    }

    @Override
    public Optional<RegistryManifest> manifest(String repository, Version tag) {
        URI uri = address.api("/v2/" + repository + "/manifests/" + tag.value());
        HttpResponse<byte[]> response = get(uri, repository, Optional.empty());
        if (response.statusCode() == 401) {
            String authorization = authorize(response, repository);
            response = get(uri, repository, Optional.of(authorization));
            if (response.statusCode() == 401) {
                throw new RegistryException("the registry " + address + " refused " + credentials.get().describe() + " (401 "
                        + errorOf(response) + "): check " + RegistrySettings.USERNAME_KEY + " and " + RegistrySettings.PASSWORD_FILE_KEY);
            }
        }
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new RegistryException("the registry " + address + " answered " + response.statusCode() + " ("
                    + errorOf(response) + ") for the manifest of " + repository + ":" + tag);
        }
        return Optional.of(parse(response));
    }

    /** The Authorization header value the registry's challenge asks for. */
    private String authorize(HttpResponse<byte[]> challenged, String repository) {
        Optional<AuthChallenge> challenge = challenged.headers().firstValue("WWW-Authenticate").flatMap(AuthChallenge::parse);
        RegistryCredentials user = credentials.get();
        if (!user.present()) {
            throw new RegistryException("the registry " + address + " requires credentials (401 " + errorOf(challenged) + "): set "
                    + RegistrySettings.USERNAME_KEY + " and " + RegistrySettings.PASSWORD_FILE_KEY);
        }
        if (challenge.isEmpty() || challenge.get().basic()) {
            return user.basic();
        }
        if (!challenge.get().bearer()) {
            throw new RegistryException("the registry " + address + " asks for authentication scheme '" + challenge.get().scheme()
                    + "', which slipway does not speak (it speaks Basic and Bearer)");
        }
        return "Bearer " + token(challenge.get(), repository, user);
    }

    private String token(AuthChallenge challenge, String repository, RegistryCredentials user) {
        String realm = challenge.param("realm").orElseThrow(() -> new RegistryException("the registry " + address
                + " asks for a bearer token but names no realm to get it from"));
        URI realmUri = URI.create(realm);
        if (!"https".equals(realmUri.getScheme()) && !"http".equals(realmUri.getScheme())) {
            throw new RegistryException("the registry " + address + " names a token realm that is not http(s): " + realm);
        }
        List<String> query = new ArrayList<>();
        challenge.param("service").ifPresent(s -> query.add("service=" + URLEncoder.encode(s, StandardCharsets.UTF_8)));
        String scope = challenge.param("scope").orElse("repository:" + repository + ":pull");
        query.add("scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8));
        URI uri = URI.create(realm + (realm.contains("?") ? "&" : "?") + String.join("&", query));
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Authorization", user.basic())
                .GET().build(), "its token service " + realmUri.getHost());
        if (response.statusCode() != 200) {
            throw new RegistryException("the token service of the registry " + address + " refused " + user.describe() + " ("
                    + response.statusCode() + " " + errorOf(response) + "): check " + RegistrySettings.USERNAME_KEY + " and "
                    + RegistrySettings.PASSWORD_FILE_KEY);
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            String token = body.path("token").asText(body.path("access_token").asText(""));
            if (token.isEmpty()) {
                throw new RegistryException("the token service of the registry " + address + " answered without a token");
            }
            return token;
        } catch (IOException e) {
            throw new RegistryException("the token service of the registry " + address + " answered with something that is not JSON");
        }
    }

    private HttpResponse<byte[]> get(URI uri, String repository, Optional<String> authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", ACCEPT).GET();
        authorization.ifPresent(value -> request.header("Authorization", value));
        return send(request.build(), "it");
    }

    private HttpResponse<byte[]> send(HttpRequest request, String what) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new RegistryException("cannot reach the registry " + address + (what.equals("it") ? "" : " (" + what + ")")
                    + " over " + (address.plainHttp() ? "HTTP" : "HTTPS") + " (" + describe(e) + "): check that it runs and that "
                    + RegistrySettings.URL_KEY + " names it", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while asking the registry " + address + " (the service is stopping)", e);
        }
    }

    private RegistryManifest parse(HttpResponse<byte[]> response) {
        String digest = "sha256:" + sha256(response.body());
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new RegistryException("the registry " + address + " answered a manifest that is not JSON");
        }
        String mediaType = body.path("mediaType").asText(response.headers().firstValue("Content-Type").orElse(""));
        if (body.has("manifests") || DOCKER_LIST.equals(mediaType) || OCI_INDEX.equals(mediaType)) {
            return new RegistryManifest(digest, mediaType, null, 0, List.of());
        }
        List<RegistryManifest.Layer> layers = new ArrayList<>();
        body.path("layers").forEach(layer -> layers.add(new RegistryManifest.Layer(layer.path("digest").asText(),
                layer.path("size").asLong())));
        JsonNode config = body.path("config");
        return new RegistryManifest(digest, mediaType, config.path("digest").asText(null), config.path("size").asLong(), layers);
    }

    /** The registry's own words: the first of {@code {"errors":[{"code":..,"message":..}]}}, else the status. */
    static String errorOf(HttpResponse<byte[]> response) {
        try {
            JsonNode errors = JSON.readTree(response.body()).path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                JsonNode first = errors.get(0);
                return first.path("code").asText("") + (first.hasNonNull("message") ? ": " + first.path("message").asText() : "");
            }
        } catch (IOException | RuntimeException e) {
            // not a registry error body: the status says it
        }
        return "no error body";
    }

    private static String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.net.http.HttpConnectTimeoutException) {
                return "connecting timed out";
            }
            if (cause instanceof java.net.ConnectException) {
                return "connection refused";
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        String kind = root.getClass().getSimpleName();
        return message == null || message.isBlank() ? kind : kind + ": " + message.strip();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
