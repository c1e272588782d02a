package dev.slipway.distributor.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.slipway.distributor.TestEvents;
import dev.slipway.distributor.docker.DockerImageSource;
import dev.slipway.distributor.docker.LayeredTestImages;
import dev.slipway.distributor.docker.TestImages;
import dev.slipway.distributor.stage.DistributionStage;
import dev.slipway.distributor.stream.StreamFanOut;
import dev.slipway.docker.DockerEngines;
import dev.slipway.events.BuiltImage;
import dev.slipway.events.EventCodec;
import dev.slipway.events.EventType;
import dev.slipway.events.ImageDistributed;
import dev.slipway.events.RegistryOutcome;
import dev.slipway.events.RegistryResult;
import dev.slipway.events.StageOutcome;
import dev.slipway.events.names.ImageRef;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.ServiceName;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry push against the real docker-registry ({@code scripts/registry.sh}) from the real test engine. */
class RegistryPushTest {
    private static final ReleaseId RELEASE = ReleaseId.of("example-2.1.0-0a1b2c3d");
    private static final ServiceName SERVICE = ServiceName.of("api");

    private final String engineAddress = DockerEngines.testEngine(DockerEngines.TEST_ENGINE_ENV);
    private final RegistrySettings settings = TestRegistry.settings();
    private DockerClient engine;
    private final List<BuiltImage> images = new ArrayList<>();
    private final List<RegistryResult> pushed = new ArrayList<>();

    @TempDir
    Path temp;

    @BeforeEach
    void connect() {
        engine = DockerEngines.connect(engineAddress);
    }

    @AfterEach
    void cleanUp() throws IOException {
        for (RegistryResult result : pushed) {
            if (result.manifestDigest() != null) {
                TestRegistry.delete(settings, RegistryRefs.path(result.ref()), result.manifestDigest());
            }
        }
        for (int i = images.size() - 1; i >= 0; i--) {
            TestImages.remove(engine, images.get(i));
        }
        engine.close();
    }

    @Test
    void pushesAnImageTheRegistryLacksThenFindsItAlreadyPresent() {
        int randomBytes = 128 * 1024;
        BuiltImage image = LayeredTestImages.onTop(engine, build(), randomBytes);
        images.add(image);
        RegistryPush push = push(settings);

        RegistryResult first = remember(push.push(RELEASE, SERVICE, image));

        ImageRef expected = ImageRef.parse(settings.address().hostPort() + "/" + image.ref().value());
        assertThat(first.outcome()).as(first.error()).isEqualTo(RegistryOutcome.PUSHED);
        assertThat(first.ref()).isEqualTo(expected);
        assertThat(first.registry()).isEqualTo(settings.address().hostPort());
        assertThat(first.error()).isNull();
        TestRegistry.Manifest manifest = TestRegistry.manifest(settings, image.ref().repository().value(), "1.0");
        assertThat(manifest.status()).isEqualTo(200);
        assertThat(manifest.configDigest()).isEqualTo(image.id().value());
        assertThat(first.manifestDigest()).isEqualTo(manifest.digest());
        assertThat(manifest.layers()).isEqualTo(2);
        assertThat(first.bytes()).as("at least the new random layer and the config, at most every layer and the config")
                .isBetween(manifest.layerSize(1) + manifest.configSize(),
                        manifest.layerSize(0) + manifest.layerSize(1) + manifest.configSize())
                .isGreaterThan(randomBytes);
        assertThat(TestImages.holds(engine, expected.value())).as("the registry tag is removed from the build engine").isFalse();

        RegistryResult again = remember(push.push(RELEASE, SERVICE, image));

        assertThat(again.outcome()).isEqualTo(RegistryOutcome.ALREADY_PRESENT);
        assertThat(again.bytes()).isZero();
        assertThat(again.manifestDigest()).isEqualTo(first.manifestDigest());
        assertThat(again.ref()).isEqualTo(expected);
    }

    @Test
    void sendsOnlyTheLayerTheRegistryLacksForAnImageSharingItsBase() {
        BuiltImage base = LayeredTestImages.onTop(engine, build(), 512 * 1024);
        images.add(base);
        RegistryPush push = push(settings);
        RegistryResult baseResult = remember(push.push(RELEASE, SERVICE, base));
        assertThat(baseResult.outcome()).as(baseResult.error()).isEqualTo(RegistryOutcome.PUSHED);
        int randomBytes = 256 * 1024;
        BuiltImage top = LayeredTestImages.onTop(engine, base, randomBytes);
        images.add(top);

        RegistryResult result = remember(push.push(RELEASE, SERVICE, top));

        assertThat(result.outcome()).as(result.error()).isEqualTo(RegistryOutcome.PUSHED);
        TestRegistry.Manifest manifest = TestRegistry.manifest(settings, top.ref().repository().value(), "1.0");
        assertThat(manifest.layers()).isEqualTo(3);
        assertThat(manifest.configDigest()).isEqualTo(top.id().value());
        assertThat(result.bytes()).as("the new layer and the config, not the shared base")
                .isEqualTo(manifest.layerSize(2) + manifest.configSize())
                .isBetween((long) randomBytes, (long) (randomBytes * 1.2))
                .isLessThan(baseResult.bytes());
    }

    @Test
    void aWrongPasswordFailsNamingTheRegistryAndTheRefusal() {
        BuiltImage image = build();
        RegistrySettings wrong = RegistrySettings.from(Optional.of(settings.address().hostPort()), settings.username(),
                Optional.of(TestRegistry.passwordFile(temp, "not-the-password").toString())).orElseThrow();

        RegistryResult result = remember(push(wrong).push(RELEASE, SERVICE, image));

        assertThat(result.outcome()).isEqualTo(RegistryOutcome.FAILED);
        assertThat(result.bytes()).isZero();
        assertThat(result.error())
                .contains("service api: pushing " + image.ref() + " to the registry " + settings.address())
                .contains("refused user " + settings.username().orElseThrow())
                .contains("401")
                .contains("slipway.registry.password-file")
                .doesNotContain("not-the-password");
        assertThat(TestRegistry.manifest(settings, image.ref().repository().value(), "1.0").status()).isEqualTo(404);
    }

    @Test
    void aRegistryThatDoesNotAnswerFailsNamingItsAddress() throws IOException {
        BuiltImage image = build();
        String nobody = "127.0.0.1:" + freePort();
        RegistrySettings down = RegistrySettings.from(Optional.of(nobody), settings.username(),
                settings.passwordFile().map(Path::toString)).orElseThrow();

        RegistryResult result = remember(push(down).push(RELEASE, SERVICE, image));

        assertThat(result.outcome()).isEqualTo(RegistryOutcome.FAILED);
        assertThat(result.registry()).isEqualTo(nobody);
        assertThat(result.error())
                .contains("pushing " + image.ref() + " to the registry " + nobody)
                .contains("cannot reach the registry " + nobody)
                .contains("slipway.registry.url");
    }

    @Test
    void anImageTheBuildEngineNoLongerHoldsFailsNamingTheEngine() {
        BuiltImage image = build();
        TestImages.remove(engine, image);

        RegistryResult result = remember(push(settings).push(RELEASE, SERVICE, image));

        assertThat(result.outcome()).isEqualTo(RegistryOutcome.FAILED);
        assertThat(result.error()).contains("the build engine " + engineAddress + " does not hold " + image.ref());
    }

    @Test
    void aDistributorWithOnlyARegistryEmitsAnImageDistributedTheRolloutDeploysFrom() throws Exception {
        BuiltImage image = LayeredTestImages.onTop(engine, build(), 64 * 1024);
        images.add(image);
        var executor = Executors.newCachedThreadPool();
        DistributionStage stage = new DistributionStage(List.of(),
                Optional.of(RegistryPush.from(URI.create(engineAddress), settings, Clock.systemUTC())),
                new DockerImageSource(URI.create(engineAddress)), new StreamFanOut(executor, 64 * 1024, 1024 * 1024), executor);
        ImageDistributed distributed;
        try (stage) {
            distributed = stage.distribute(TestEvents.built(RELEASE.value(), SERVICE.value(), image));
        }
        remember(distributed.registry());

        ImageDistributed decoded = EventCodec.instance().decode(EventType.IMAGE_DISTRIBUTED, EventCodec.instance().encode(distributed));
        assertThat(decoded.outcome()).isEqualTo(StageOutcome.SUCCEEDED);
        assertThat(decoded.nodes()).isEmpty();
        assertThat(decoded.registry().outcome()).isEqualTo(RegistryOutcome.PUSHED);
        assertThat(decoded.registryRef()).contains(ImageRef.parse(settings.address().hostPort() + "/" + image.ref().value()));
        assertThat(TestRegistry.manifest(settings, RegistryRefs.path(image.ref()), image.ref().tag().value()).configDigest())
                .isEqualTo(image.id().value());
    }

    private BuiltImage build() {
        BuiltImage image = LayeredTestImages.busybox(engine);
        images.add(image);
        return image;
    }

    private RegistryPush push(RegistrySettings registry) {
        return new RegistryPush(registry, new RegistryHttpApi(registry), new DockerImagePusher(engine, engineAddress),
                Clock.systemUTC());
    }

    private RegistryResult remember(RegistryResult result) {
        pushed.add(result);
        return result;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
