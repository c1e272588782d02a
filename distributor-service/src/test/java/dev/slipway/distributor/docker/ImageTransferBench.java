package dev.slipway.distributor.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.slipway.distributor.stream.FanOutResult;
import dev.slipway.distributor.stream.StreamFanOut;
import dev.slipway.docker.DockerEngines;
import dev.slipway.events.names.ImageRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The measurement behind {@link EngineHttp}: one image of ~150 MB of random (incompressible) bytes, saved
 * on the first test engine and loaded on the second, in the same process: docker-java's save and load (the
 * distributor's previous transport), the raw HTTP client, and {@code docker save | docker load}, each save
 * streamed straight into the load; then both Java transports again through the distributor's
 * {@link StreamFanOut} (64 KiB reads, 8 MiB buffer, as DistributorWiring sets it up). Median of {@link #RUNS} runs each, the ways interleaved;
 * the second engine drops the image between runs. A measurement, not a test: it runs only when asked.
 * Run: {@code ./mvnw -o -pl distributor-service test -Dgroups=bench -DexcludedGroups= -Dtest=ImageTransferBench}.
 */
@Tag("bench")
class ImageTransferBench {
    static final int RUNS = Integer.getInteger("slipway.bench.runs", 5);
    static final int MEGABYTES = Integer.getInteger("slipway.bench.megabytes", 150);
    private static final com.sun.management.OperatingSystemMXBean CPU =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final String engineOne = DockerEngines.testEngine(DockerEngines.TEST_ENGINE_ENV);
    private final String engineTwo = DockerEngines.testEngine(DockerEngines.SECOND_TEST_ENGINE_ENV);

    @FunctionalInterface
    private interface Transfer {
        void run(ImageRef ref) throws Exception;
    }

    @Test
    void saveAndLoadBetweenTwoEngines() throws Exception {
        try (DockerClient one = DockerEngines.connect(engineOne); DockerClient two = DockerEngines.connect(engineTwo)) {
            ImageRef ref = ImageRef.parse("slipway-test-distributor-bench-" + UUID.randomUUID().toString().substring(0, 8) + ":1.0");
            String id = build(one, ref);
            long size = one.inspectImageCmd(id).exec().getSize();
            try {
                Map<String, Transfer> ways = new LinkedHashMap<>();
                ways.put("docker-java save + load (previous)", r -> dockerJava(one, two, r));
                ways.put("EngineHttp save + load (raw HTTP/1.1)", r -> engineHttp(r));
                ways.put("docker save | docker load (CLI)", r -> cli(r));
                ways.put("docker-java, through the fan-out", r -> fannedOut(one.saveImageCmd(r.repository().value())
                        .withTag(r.tag().value()).exec(), archive -> dockerJavaLoad(two, archive)));
                ways.put("EngineHttp, through the fan-out", r -> fannedOut(
                        EngineImageSave.open(new EngineHttp(URI.create(engineOne)), r),
                        archive -> EngineImageLoad.load(new EngineHttp(URI.create(engineTwo)), archive)));
                Map<String, List<Long>> millis = new LinkedHashMap<>();
                Map<String, List<Long>> cpuMillis = new LinkedHashMap<>();
                ways.keySet().forEach(way -> millis.put(way, new ArrayList<>()));
                ways.keySet().forEach(way -> cpuMillis.put(way, new ArrayList<>()));
                for (int run = 0; run < RUNS; run++) {
                    for (Map.Entry<String, Transfer> way : ways.entrySet()) {
                        remove(two, id);
                        long cpuStart = CPU.getProcessCpuTime();
                        long start = System.nanoTime();
                        way.getValue().run(ref);
                        long took = (System.nanoTime() - start) / 1_000_000;
                        cpuMillis.get(way.getKey()).add((CPU.getProcessCpuTime() - cpuStart) / 1_000_000);
                        assertThat(two.inspectImageCmd(ref.value()).exec().getId()).as(way.getKey()).isEqualTo(id);
                        millis.get(way.getKey()).add(took);
                    }
                }
                StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                        "%nimage %s: %.1f MB; %d runs each, %s -> %s%n", ref, size / 1e6, RUNS, engineOne, engineTwo));
                millis.forEach((way, runs) -> report.append(String.format(Locale.ROOT,
                        "%-40s median %6d ms  (%.0f MB/s)  runs %s  this JVM's CPU: median %d ms%n",
                        way, median(runs), size / 1e3 / median(runs), runs, median(cpuMillis.get(way)))));
                System.out.println(report);
            } finally {
                remove(two, id);
                remove(one, id);
            }
        }
    }

    /** The previous transport: docker-java's saveImageCmd stream as the body of its own HTTP client's POST /images/load. */
    private static void dockerJava(DockerClient one, DockerClient two, ImageRef ref) throws IOException {
        try (InputStream archive = one.saveImageCmd(ref.repository().value()).withTag(ref.tag().value()).exec()) {
            dockerJavaLoad(two, archive);
        }
    }

    /** The distributor's path: one read of the source fed to the node through {@link StreamFanOut}, as DistributorWiring sets it up. */
    private static void fannedOut(InputStream source, StreamFanOut.Receiver node) throws IOException {
        ExecutorService workers = Executors.newCachedThreadPool();
        try (source) {
            FanOutResult<String> result = new StreamFanOut(workers, 64 * 1024, 8L * 1024 * 1024).deliver(source, Map.of("node", node));
            assertThat(result.sourceFailure()).isEmpty();
            assertThat(result.delivery("node").failure()).isEmpty();
        } finally {
            workers.shutdownNow();
        }
    }

    /** The previous EngineImageLoad: the archive as the body of docker-java's own HTTP client's POST /images/load. */
    private static void dockerJavaLoad(DockerClient two, InputStream archive) throws IOException {
        DockerHttpClient http = ((DockerClientImpl) two).getHttpClient();
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST)
                .path("/images/load?quiet=1")
                .putHeader("Content-Type", "application/x-tar")
                .body(archive)
                .build();
        try (DockerHttpClient.Response response = http.execute(request)) {
            String answer = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response.getStatusCode()).as(answer).isEqualTo(200);
            assertThat(EngineMessages.errorIn(answer.strip())).as(answer).isNull();
        }
    }

    private void engineHttp(ImageRef ref) throws IOException {
        try (InputStream archive = EngineImageSave.open(new EngineHttp(URI.create(engineOne)), ref)) {
            EngineImageLoad.load(new EngineHttp(URI.create(engineTwo)), archive);
        }
    }

    private void cli(ImageRef ref) throws Exception {
        List<Process> pipeline = ProcessBuilder.startPipeline(List.of(
                new ProcessBuilder("docker", "-H", engineOne, "save", ref.value()).redirectError(ProcessBuilder.Redirect.INHERIT),
                new ProcessBuilder("docker", "-H", engineTwo, "load", "-q").redirectError(ProcessBuilder.Redirect.INHERIT)));
        Process load = pipeline.get(1);
        String said = new String(load.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        for (Process process : pipeline) {
            assertThat(process.waitFor()).as(said).isZero();
        }
    }

    /** FROM scratch with one file of random bytes, so neither side can gain by compression. */
    private static String build(DockerClient engine, ImageRef ref) throws IOException {
        Path context = Files.createTempDirectory("slipway-test-distributor-bench-");
        try {
            Random random = new Random();
            byte[] block = new byte[1024 * 1024];
            try (OutputStream out = Files.newOutputStream(context.resolve("payload.bin"))) {
                for (int i = 0; i < MEGABYTES; i++) {
                    random.nextBytes(block);
                    out.write(block);
                }
            }
            Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY payload.bin /payload.bin\n");
            engine.buildImageCmd(context.toFile())
                    .withTags(Set.of(ref.value()))
                    .exec(new BuildImageResultCallback())
                    .awaitImageId();
            return engine.inspectImageCmd(ref.value()).exec().getId();
        } finally {
            try (Stream<Path> paths = Files.walk(context)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void remove(DockerClient engine, String id) {
        try {
            engine.removeImageCmd(id).withForce(true).exec();
        } catch (NotFoundException gone) {
            // not there: nothing to remove
        }
    }

    private static long median(List<Long> runs) {
        List<Long> sorted = runs.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
