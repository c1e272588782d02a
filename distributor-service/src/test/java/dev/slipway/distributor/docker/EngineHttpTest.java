package dev.slipway.distributor.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import dev.slipway.distributor.TestEvents;
import dev.slipway.distributor.stage.DistributionStage;
import dev.slipway.distributor.stream.StreamFanOut;
import dev.slipway.distributor.transport.TransportException;
import dev.slipway.docker.DockerEngines;
import dev.slipway.events.BuiltImage;
import dev.slipway.events.ImageDistributed;
import dev.slipway.events.NodeOutcome;
import dev.slipway.events.NodeResult;
import dev.slipway.events.names.ImageRef;
import dev.slipway.events.names.NodeName;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The raw HTTP client's two calls, save and load, on the two real test engines and through a forwarder that cuts answers short. */
class EngineHttpTest {
    private static final String MISSING_ENGINE = "unix:///tmp/slipway-test-distributor-no-engine/docker.sock";

    private final String engineOne = DockerEngines.testEngine(DockerEngines.TEST_ENGINE_ENV);
    private final String engineTwo = DockerEngines.testEngine(DockerEngines.SECOND_TEST_ENGINE_ENV);
    private DockerClient one;
    private DockerClient two;
    private BuiltImage image;

    @BeforeEach
    void buildOnEngineOne() {
        one = DockerEngines.connect(engineOne);
        two = DockerEngines.connect(engineTwo);
        image = TestImages.build(one);
    }

    @AfterEach
    void cleanUp() throws IOException {
        TestImages.remove(two, image);
        TestImages.remove(one, image);
        one.close();
        two.close();
    }

    @Test
    void savesOnOneEngineAndLoadsOnTheOtherUnderTheEnginesApiVersion() throws IOException {
        EngineHttp source = new EngineHttp(URI.create(engineOne));
        assertThat(source.apiPrefix()).isEqualTo("/v" + one.versionCmd().exec().getApiVersion());

        try (InputStream archive = EngineImageSave.open(source, image.ref())) {
            EngineImageLoad.load(new EngineHttp(URI.create(engineTwo)), archive);
        }

        assertThat(two.inspectImageCmd(image.ref().value()).exec().getId()).isEqualTo(image.id().value());
    }

    @Test
    void inspectsAnImageByReferenceAndByIdAsTheEngineHoldsIt() throws IOException {
        EngineHttp engine = new EngineHttp(URI.create(engineOne));
        List<String> layers = one.inspectImageCmd(image.id().value()).exec().getRootFS().getLayers();

        assertThat(EngineImageInspect.inspect(engine, image.ref().value()))
                .contains(new EngineImageInspect.InspectedImage(image.id().value(), layers));
        assertThat(EngineImageInspect.inspect(engine, image.id().value()).orElseThrow().layers()).isEqualTo(layers).isNotEmpty();
        assertThat(EngineImageInspect.inspect(engine, "slipway-test-distributor-never-built:1.0")).isEmpty();
        assertThatThrownBy(() -> new DockerImageSource(URI.create(engineOne)).open(new BuiltImage(
                ImageRef.parse("slipway-test-distributor-never-built:1.0"), image.id(), image.sizeBytes(), image.layers())))
                .isInstanceOf(TransportException.class)
                .hasMessageEndingWith("the engine does not hold it; build the release again");
    }

    @Test
    void reachesEnginesAtTcpAddressesToo() throws IOException {
        try (EngineForwarder first = EngineForwarder.whole(engineOne);
                EngineForwarder second = EngineForwarder.whole(engineTwo);
                DockerImageSource source = new DockerImageSource(URI.create(first.address()));
                DockerNodeTransport node = new DockerNodeTransport(NodeName.of("node-b"), URI.create(second.address()));
                InputStream archive = source.open(image)) {
            node.receive(image, archive);

            assertThat(node.holds(image.id())).isTrue();
        }
    }

    @Test
    void anUnreachableEngineIsNamedInTheFailure() throws IOException {
        try (DockerNodeTransport missing = new DockerNodeTransport(NodeName.of("node-c"), URI.create(MISSING_ENGINE))) {
            assertThatThrownBy(() -> missing.receive(image, new ByteArrayInputStream(new byte[10])))
                    .isInstanceOf(TransportException.class)
                    .hasMessageStartingWith("node node-c (" + MISSING_ENGINE + "): importing " + image.ref()
                            + " failed: cannot connect to " + MISSING_ENGINE + ": ");
        }
        String closedPort = "tcp://127.0.0.1:" + closedLoopbackPort();
        assertThatThrownBy(() -> EngineImageSave.open(new EngineHttp(URI.create(closedPort)), image.ref()))
                .isInstanceOf(EngineUnreachableException.class)
                .hasMessage("cannot connect to " + closedPort + ": Connection refused");
    }

    @Test
    void aReferenceTheEngineDoesNotHoldIsRefusedInTheEnginesWords() {
        ImageRef absent = ImageRef.parse("slipway-test-distributor-absent-" + UUID.randomUUID().toString().substring(0, 8) + ":1.0");

        assertThatThrownBy(() -> EngineImageSave.open(new EngineHttp(URI.create(engineOne)), absent))
                .isInstanceOf(EngineHttpException.class)
                .hasMessage("the engine answered 404: reference does not exist");
    }

    @Test
    void aShortArchiveFailsTheImportWithTheEnginesError() throws IOException {
        byte[] start;
        try (InputStream archive = EngineImageSave.open(new EngineHttp(URI.create(engineOne)), image.ref())) {
            start = archive.readNBytes(100_000);
        }
        try (DockerNodeTransport node = new DockerNodeTransport(NodeName.of("node-b"), URI.create(engineTwo))) {
            assertThatThrownBy(() -> node.receive(image, new ByteArrayInputStream(start)))
                    .isInstanceOf(TransportException.class)
                    .hasMessageStartingWith("node node-b (" + engineTwo + "): importing " + image.ref() + " failed: ")
                    .hasMessageContaining("unexpected EOF");
        }
        assertThat(TestImages.holds(two, image.id().value())).isFalse();
    }

    @Test
    void anArchiveWhoseReadFailsIsCutOffAndNothingIsImported() throws IOException {
        byte[] start;
        try (InputStream archive = EngineImageSave.open(new EngineHttp(URI.create(engineOne)), image.ref())) {
            start = archive.readAllBytes();
        }
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(start, 0, start.length - 1024), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("the build engine's stream broke");
            }
        });

        assertThatThrownBy(() -> EngineImageLoad.load(new EngineHttp(URI.create(engineTwo)), failing))
                .hasMessage("the build engine's stream broke");
        assertThat(TestImages.holds(two, image.id().value())).isFalse();
    }

    @Test
    void aSaveCutOffMidStreamFailsTheNodeInsteadOfEndingEarly() throws IOException {
        try (EngineForwarder cutting = EngineForwarder.cuttingAfter(engineOne, 1024 * 1024)) {
            var executor = Executors.newCachedThreadPool();
            DistributionStage stage = new DistributionStage(
                    List.of(new DockerNodeTransport(NodeName.of("node-b"), URI.create(engineTwo))),
                    new DockerImageSource(URI.create(cutting.address())),
                    new StreamFanOut(executor, 64 * 1024, 1024 * 1024), executor);
            try {
                ImageDistributed distributed = stage.distribute(TestEvents.built("distributor-test-1.0", "api", image));

                NodeResult b = distributed.nodes().get(0);
                assertThat(b.outcome()).isEqualTo(NodeOutcome.FAILED);
                assertThat(b.error()).startsWith("node node-b: reading " + image.ref() + " from the build engine "
                        + cutting.address() + " failed: the chunked stream ended");
            } finally {
                stage.close();
            }
        }
        assertThat(TestImages.holds(two, image.id().value())).isFalse();
    }

    @Test
    void anImportAnswerCutOffIsAFailureNotASuccess() throws IOException {
        try (EngineForwarder cutting = EngineForwarder.cuttingAfterHead(engineTwo);
                InputStream archive = EngineImageSave.open(new EngineHttp(URI.create(engineOne)), image.ref())) {
            assertThatThrownBy(() -> EngineImageLoad.load(new EngineHttp(URI.create(cutting.address())), archive))
                    .isInstanceOf(TruncatedStreamException.class);
        }
    }

    private static int closedLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
