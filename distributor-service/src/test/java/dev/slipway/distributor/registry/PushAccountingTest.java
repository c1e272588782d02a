package dev.slipway.distributor.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.names.ImageRef;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pure parts of a push: the registry's name for an image, the engine's progress, the bytes sent, the auth challenge. */
class PushAccountingTest {
    private static final RegistryAddress REGISTRY = RegistryAddress.parse("127.0.0.1:5000");
    private static final String BASE = "sha256:" + "a".repeat(64);
    private static final String TOP = "sha256:" + "b".repeat(64);

    @Test
    void theRegistryReferenceReplacesAnyRegistryTheBuiltReferenceNamed() {
        assertThat(RegistryRefs.of(REGISTRY, ImageRef.parse("gx-protocol/svc-tax:2.1.0")))
                .isEqualTo(ImageRef.parse("127.0.0.1:5000/gx-protocol/svc-tax:2.1.0"));
        assertThat(RegistryRefs.of(REGISTRY, ImageRef.parse("old.example.com:5000/team/app:1.0")))
                .isEqualTo(ImageRef.parse("127.0.0.1:5000/team/app:1.0"));
        assertThat(RegistryRefs.path(ImageRef.parse("localhost/app:1.0"))).isEqualTo("app");
        assertThat(RegistryRefs.path(ImageRef.parse("app:1.0"))).isEqualTo("app");
    }

    @Test
    void progressCountsOnlyTheLayersTheEnginePushed() {
        PushProgress progress = new PushProgress();
        progress.record("aaaaaaaaaaaa", "Preparing", null, null);
        progress.record("bbbbbbbbbbbb", "Preparing", null, null);
        progress.record("aaaaaaaaaaaa", "Layer already exists", null, null);
        progress.record("bbbbbbbbbbbb", "Pushing", null, null);
        progress.record("bbbbbbbbbbbb", "Pushed", null, null);
        progress.record(null, "1.0: digest: sha256:cc size: 739", null, "sha256:cc");

        assertThat(progress.pushed()).containsExactly("bbbbbbbbbbbb");
        assertThat(progress.existing()).containsExactly("aaaaaaaaaaaa");
        assertThat(progress.error()).isEmpty();
        assertThat(progress.digest()).contains("sha256:cc");
    }

    @Test
    void aLayerMountedFromAnotherRepositoryWasNotSent() {
        PushProgress progress = new PushProgress();
        progress.record("aaaaaaaaaaaa", "Mounted from team/base", null, null);

        assertThat(progress.pushed()).isEmpty();
        assertThat(progress.existing()).containsExactly("aaaaaaaaaaaa");
    }

    @Test
    void theEnginesPushErrorIsKept() {
        PushProgress progress = new PushProgress();
        progress.record("bbbbbbbbbbbb", "Pushing", null, null);
        progress.record(null, null, "unauthorized: authentication required", null);

        assertThat(progress.error()).contains("unauthorized: authentication required");
    }

    @Test
    void bytesAreTheCompressedSizesOfThePushedLayersPlusTheConfig() {
        RegistryManifest manifest = new RegistryManifest("sha256:" + "c".repeat(64), RegistryHttpApi.DOCKER_MANIFEST, TOP, 700,
                List.of(new RegistryManifest.Layer(BASE, 1_000_000), new RegistryManifest.Layer(TOP, 20_000)));

        assertThat(PushedBytes.of(manifest, List.of(BASE, TOP), Set.of(PushProgress.progressId(TOP)))).isEqualTo(20_700);
        assertThat(PushedBytes.of(manifest, List.of(BASE, TOP), Set.of())).isEqualTo(700);
        assertThat(PushProgress.progressId(TOP)).isEqualTo("bbbbbbbbbbbb");
    }

    @Test
    void challengesAreReadAsTheRegistryWritesThem() {
        AuthChallenge bearer = AuthChallenge.parse(
                "Bearer realm=\"https://auth.example.com/token\",service=\"registry.example.com\",scope=\"repository:app:pull\"")
                .orElseThrow();
        assertThat(bearer.bearer()).isTrue();
        assertThat(bearer.params()).isEqualTo(Map.of("realm", "https://auth.example.com/token", "service", "registry.example.com",
                "scope", "repository:app:pull"));
        assertThat(AuthChallenge.parse("Basic realm=\"slipway-registry\"").orElseThrow().basic()).isTrue();
        assertThat(AuthChallenge.parse(null)).isEmpty();
    }
}
