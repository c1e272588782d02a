package dev.slipway.bench.distribution;

import dev.slipway.broker.EmbeddedKafkaBroker;
import dev.slipway.cli.kafka.EventPublisher;
import dev.slipway.cli.kafka.EventRecords;
import dev.slipway.cli.kafka.KafkaClients;
import dev.slipway.cli.local.RepoRoot;
import dev.slipway.events.BuildRequested;
import dev.slipway.events.ImageBuilt;
import dev.slipway.events.ImageDistributed;
import dev.slipway.events.NodeResult;
import dev.slipway.events.ReleaseContext;
import dev.slipway.events.StageOutcome;
import dev.slipway.events.EventType;
import dev.slipway.events.Topics;
import dev.slipway.events.names.ImageRepository;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.ReleaseName;
import dev.slipway.events.names.ServiceName;
import dev.slipway.events.names.Version;
import dev.slipway.events.plan.BuildSpec;
import dev.slipway.events.plan.ReleasePlan;
import dev.slipway.events.plan.RolloutPolicy;
import dev.slipway.events.plan.ServicePlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Distributing images to the nodes of scripts/bench-nodes.sh (each behind its own veth link, optionally
 * rate limited with tc): the baseline (scripts/bench-distribution-baseline.sh: one docker save archive,
 * copied to each node in turn and imported there) against the real distributor-service jar (ssh-containerd
 * transport) fed ImageBuilt events through an in-process broker. Per link and scenario, REPS runs of each,
 * nodes wiped before every run. Wall time: baseline from the save to the last import; ours from publishing
 * the first ImageBuilt to the arrival of the last ImageDistributed. Bytes: the host side veth's tx_bytes
 * per node (both methods) and the bytes the distributor reports per node.
 *
 * <p>Usage: DistributionBench REPS LINKS OUTPUT_DIR [SCENARIOS], LINKS e.g. none,200mbit, SCENARIOS e.g. a,b,c
 * (default all); the environment of
 * scripts/engines.sh env and scripts/bench-nodes.sh env. Run it with scripts/bench-distribution.sh.
 */
public final class DistributionBench {
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration STALL = Duration.ofSeconds(45);

    private final Path repo;
    private final Path output;
    private final String engine;
    private final List<BenchNode> nodes;
    private final Map<String, BenchImage> images;
    private final Path preloadArchive;
    private int releases;
    private int preloadedBlobs = -1;
    private Path distributorJar;
    private Map<String, String> properties;
    private DistributorProcess service;
    private int starts;
    private EventPublisher publisher;
    private KafkaClients clients;
    private String bootstrapServers;
    private KafkaConsumer<String, byte[]> consumer;
    private List<TopicPartition> partitions;

    /**
     * How ours is fed a release. TOGETHER: every ImageBuilt at once, as the builder emits them when builds
     * end close together; the distributor then distributes the services in parallel. ONE_BY_ONE: the next
     * ImageBuilt only after the previous image's ImageDistributed arrived.
     */
    enum Mode {
        TOGETHER("ours"),
        ONE_BY_ONE("ours-one-by-one");

        final String method;

        Mode(String method) {
            this.method = method;
        }
    }

    private DistributionBench(Path repo, Path output, String engine, List<BenchNode> nodes, Map<String, BenchImage> images) {
        this.repo = repo;
        this.output = output;
        this.engine = engine;
        this.nodes = nodes;
        this.images = images;
        this.preloadArchive = output.resolve("preload.tar");
    }

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> links = List.of((args.length > 1 ? args[1] : "none,200mbit").split(","));
        Path repo = RepoRoot.find(Path.of("").toAbsolutePath());
        Path output = args.length > 2 ? Path.of(args[2]).toAbsolutePath()
                : repo.resolve("bench/target/distribution/" + LocalDateTime.now(ZoneOffset.UTC)
                        .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(output);
        Map<String, String> env = System.getenv();
        String engine = BenchNode.required(env, "SLIPWAY_DOCKER_HOST");
        List<BenchNode> nodes = BenchNode.fromEnvironment(env);
        Map<String, BenchImage> images = new LinkedHashMap<>();
        Shell.run(Duration.ofMinutes(5), List.of(repo.resolve("scripts/bench-distribution-images.sh").toString(), "build"))
                .lines().filter(line -> line.startsWith("slipway-bench/")).map(BenchImage::parse)
                .forEach(image -> images.put(image.ref(), image));
        DistributionBench bench = new DistributionBench(repo, output, engine, nodes, images);
        List<Scenario> scenarios = args.length > 3
                ? Stream.of(args[3].split(",")).map(Scenario::valueOfLabel).toList()
                : List.of(Scenario.values());
        bench.run(reps, links, scenarios, env);
    }

    private void run(int reps, List<String> links, List<Scenario> scenarios, Map<String, String> env) throws Exception {
        distributorJar = copyDistributor().resolve("quarkus-run.jar");
        log("images: " + images.values());
        log("output: " + output);
        Shell.run(Duration.ofMinutes(2), saveCommand(Scenario.PRELOAD, preloadArchive));
        List<Measurement> measurements = new ArrayList<>();
        String startLoad = Files.readString(Path.of("/proc/loadavg")).strip();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            createTopics(broker.bootstrapServers(), List.of(Topics.defaultName(EventType.IMAGE_DISTRIBUTED),
                    Topics.deadLetterName(EventType.IMAGE_BUILT)));
            properties = DistributorProcess.properties(broker.bootstrapServers(), engine, nodes,
                    Path.of(BenchNode.required(env, "SLIPWAY_BENCH_NODE_KEY")),
                    Path.of(BenchNode.required(env, "SLIPWAY_BENCH_NODE_KNOWN_HOSTS")));
            KafkaClients clients = new KafkaClients(broker.bootstrapServers());
            this.clients = clients;
            this.bootstrapServers = broker.bootstrapServers();
            try (KafkaConsumer<String, byte[]> consumer = clients.readOnlyConsumer()) {
                this.consumer = consumer;
                partitions = consumer.partitionsFor(Topics.defaultName(EventType.IMAGE_DISTRIBUTED), Duration.ofSeconds(10))
                        .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                consumer.assign(partitions);
                startDistributor();
                setLink("none");
                prepare(Scenario.RERUN);
                log("warm-up (not counted): " + ours("none", Scenario.RERUN, 0, Mode.TOGETHER).tsv());
                for (String link : links) {
                    setLink(link);
                    boolean togetherStalled = false;
                    for (Scenario scenario : scenarios) {
                        for (int rep = 1; rep <= reps; rep++) {
                            prepare(scenario);
                            measurements.add(logged(baseline(link, scenario, rep)));
                            // a first release of images sharing a layer, all at once, stalls the current distributor
                            // (see Mode): try it until it stalls once on this link, and measure one image at a time too
                            List<Mode> modes = scenario == Scenario.FIRST
                                    ? (togetherStalled ? List.of(Mode.ONE_BY_ONE) : List.of(Mode.TOGETHER, Mode.ONE_BY_ONE))
                                    : List.of(Mode.TOGETHER);
                            for (Mode mode : modes) {
                                prepare(scenario);
                                Measurement measured = logged(ours(link, scenario, rep, mode));
                                measurements.add(measured);
                                if (measured.stalled()) {
                                    togetherStalled |= mode == Mode.TOGETHER;
                                    restartDistributor();
                                }
                            }
                            writeRaw(measurements);
                            Files.writeString(output.resolve("table.md"), Report.markdown(measurements, images, nodes.size(),
                                    reps, startLoad, Files.readString(Path.of("/proc/loadavg")).strip()));
                        }
                    }
                }
            } finally {
                setLink("none");
                if (service != null) {
                    service.close();
                }
                if (publisher != null) {
                    publisher.close();
                }
            }
        } finally {
            Files.deleteIfExists(preloadArchive);
            Shell.run(Duration.ofMinutes(2), List.of(script("bench-nodes.sh"), "wipe"));
        }
        String endLoad = Files.readString(Path.of("/proc/loadavg")).strip();
        String table = Report.markdown(measurements, images, nodes.size(), reps, startLoad, endLoad);
        Files.writeString(output.resolve("table.md"), table);
        System.out.println(table);
    }

    /**
     * Starts the distributor on a new image-built topic of its own, so that it never sees the records an
     * earlier (stalled) distributor left unacknowledged: those would be redelivered and distributed again
     * during later runs.
     */
    private void startDistributor() throws InterruptedException {
        Path log = output.resolve("distributor-service" + (starts == 0 ? "" : "." + starts) + ".log");
        String input = Topics.defaultName(EventType.IMAGE_BUILT) + ".bench-" + starts;
        starts++;
        createTopics(bootstrapServers, List.of(input));
        if (publisher != null) {
            publisher.close();
        }
        publisher = new EventPublisher(clients, Topics.from(key -> key.equals(Topics.configKey(EventType.IMAGE_BUILT)) ? input : null),
                Clock.systemUTC());
        Map<String, String> started = new LinkedHashMap<>(properties);
        started.put(Topics.configKey(EventType.IMAGE_BUILT), input);
        service = DistributorProcess.start(distributorJar, started, log, Duration.ofMinutes(3));
        log("distributor-service started (pid " + service.pid() + ", log " + log + ")");
    }

    /** After a stall: a new distributor (ending the old one's SSH sessions ends the nodes' hanging imports). */
    private void restartDistributor() throws InterruptedException {
        log("restarting distributor-service after a stall");
        service.close();
        startDistributor();
    }

    private List<String> saveCommand(List<String> refs, Path archive) {
        List<String> command = new ArrayList<>(List.of("bash", "-c", "docker -H \"$0\" save \"${@:2}\" > \"$1\"", engine,
                archive.toString()));
        command.addAll(refs);
        return command;
    }

    private static Measurement logged(Measurement measurement) {
        log(measurement.tsv());
        return measurement;
    }

    /** The distributor's runnable folder, copied so that a rebuild in the tree cannot change it during the run. */
    private Path copyDistributor() throws IOException {
        Path source = repo.resolve("distributor-service/target/quarkus-app");
        if (!Files.isRegularFile(source.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(source + "/quarkus-run.jar not found: build it with "
                    + "./mvnw -q -o -pl distributor-service package -DskipTests");
        }
        Path target = output.resolve("distributor-service");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        log("distributor-service: " + source + " (app jar modified "
                + Files.getLastModifiedTime(source.resolve("app/distributor-service-0.1.0-SNAPSHOT.jar")) + "), copied to " + target);
        return target;
    }

    private String script(String name) {
        return repo.resolve("scripts").resolve(name).toString();
    }

    private void setLink(String rate) {
        Shell.run(Duration.ofSeconds(30), List.of(script("bench-nodes.sh"), "rate", rate));
    }

    /**
     * Puts the nodes in the scenario's starting state. FIRST: every node wiped (no image, no blob). RERUN and
     * TOP_LAYER: every node holds exactly A and B (their images and blobs, nothing else): A2 left by the
     * previous run is removed (with its blobs); anything else different means wipe and import A and B again
     * straight through each node's socket, in parallel.
     */
    private void prepare(Scenario scenario) {
        if (!scenario.preloaded) {
            Shell.run(Duration.ofMinutes(2), List.of(script("bench-nodes.sh"), "wipe"));
            return;
        }
        String a2 = images.get("slipway-bench/a:2").containerdName();
        List<String> expected = Scenario.PRELOAD.stream().map(ref -> images.get(ref).containerdName()).sorted().toList();
        boolean ready = preloadedBlobs > 0;
        for (BenchNode node : nodes) {
            List<String> held = node.images();
            if (held.contains(a2)) {
                node.remove(a2);
                held = node.images();
            }
            ready &= held.stream().sorted().toList().equals(expected) && node.blobs() == preloadedBlobs;
        }
        if (ready) {
            return;
        }
        Shell.run(Duration.ofMinutes(2), List.of(script("bench-nodes.sh"), "wipe"));
        List<CompletableFuture<String>> imports = nodes.stream().map(node -> CompletableFuture.supplyAsync(() ->
                Shell.run(Duration.ofMinutes(5), List.of("ctr", "-a", node.containerd().toString(), "-n", "k8s.io",
                        "images", "import", preloadArchive.toString())))).toList();
        imports.forEach(CompletableFuture::join);
        Map<BenchNode, List<String>> missing = requireImages(Scenario.PRELOAD);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("preloading A and B failed: " + missingText(missing));
        }
        preloadedBlobs = nodes.get(0).blobs();
    }

    private Map<BenchNode, List<String>> requireImages(List<String> refs) {
        Map<BenchNode, List<String>> missing = new LinkedHashMap<>();
        for (BenchNode node : nodes) {
            List<String> held = node.images();
            List<String> lacking = refs.stream().map(ref -> images.get(ref).containerdName()).filter(name -> !held.contains(name))
                    .toList();
            if (!lacking.isEmpty()) {
                missing.put(node, lacking);
            }
        }
        return missing;
    }

    private static String missingText(Map<BenchNode, List<String>> missing) {
        if (missing.isEmpty()) {
            return "all nodes hold the release";
        }
        List<String> parts = new ArrayList<>();
        missing.forEach((node, refs) -> parts.add(node.name() + " lacks " + String.join(" ", refs)));
        return "MISSING " + String.join("; ", parts);
    }

    private Measurement baseline(String link, Scenario scenario, int rep) {
        List<Long> before = sent();
        List<String> command = new ArrayList<>(List.of(script("bench-distribution-baseline.sh"),
                output.resolve("release.tar").toString()));
        command.addAll(scenario.release);
        long start = System.nanoTime();
        Shell.run(RUN_TIMEOUT, command);
        long wall = (System.nanoTime() - start) / 1_000_000;
        List<Long> sent = delta(before, sent());
        return new Measurement(link, scenario.label, "baseline", rep, wall, sent, List.of(),
                missingText(requireImages(scenario.release)));
    }

    private Measurement ours(String link, Scenario scenario, int rep, Mode mode) {
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        ReleaseId id = ReleaseId.of("bench-" + scenario.label + "-" + (++releases) + "-" + System.currentTimeMillis());
        List<ImageBuilt> events = events(id, scenario.release);
        List<Long> before = sent();
        Instant start = Instant.now();
        Map<String, ImageDistributed> distributed = new LinkedHashMap<>();
        Instant last = start;
        try {
            if (mode == Mode.TOGETHER) {
                events.forEach(event -> publisher.publish(event, id));
                last = await(id, distributed, events.size());
            } else {
                for (ImageBuilt event : events) {
                    publisher.publish(event, id);
                    last = await(id, distributed, distributed.size() + 1);
                }
            }
        } catch (Stalled stalled) {
            return new Measurement(link, scenario.label, mode.method, rep, -1, delta(before, sent()), List.of(),
                    "STALLED: " + stalled.getMessage());
        }
        long wall = Duration.between(start, last).toMillis();
        List<Long> sent = delta(before, sent());
        Map<String, Long> reported = new HashMap<>();
        List<String> outcomes = new ArrayList<>();
        distributed.forEach((service, result) -> {
            List<String> perNode = new ArrayList<>();
            for (NodeResult node : result.nodes()) {
                reported.merge(node.node().value(), node.bytes(), Long::sum);
                perNode.add(node.node().value() + "=" + node.outcome() + (node.error() == null ? "" : "(" + node.error() + ")"));
            }
            outcomes.add(service + ":" + result.outcome() + (result.error() == null ? "" : "(" + result.error() + ")")
                    + "[" + String.join(",", perNode) + "]");
        });
        outcomes.add(missingText(requireImages(scenario.release)));
        List<Long> reportedPerNode = nodes.stream().map(node -> reported.getOrDefault(node.name(), 0L)).toList();
        return new Measurement(link, scenario.label, mode.method, rep, wall, sent, reportedPerNode, String.join(" ", outcomes));
    }

    /** A run that made no progress: no ImageDistributed arrived and no byte crossed any link for {@link #STALL}. */
    private static final class Stalled extends Exception {
        Stalled(String message) {
            super(message);
        }
    }

    /**
     * Polls image-distributed until {@code count} records of release {@code id} arrived; returns when the
     * last arrived. Throws {@link Stalled} when neither a record arrives nor a byte is sent for {@link #STALL}.
     */
    private Instant await(ReleaseId id, Map<String, ImageDistributed> distributed, int count) throws Stalled {
        Instant last = Instant.now();
        Instant progress = last;
        long bytes = sent().stream().mapToLong(Long::longValue).sum();
        Instant deadline = last.plus(RUN_TIMEOUT);
        while (distributed.size() < count) {
            Instant now = Instant.now();
            long nowBytes = sent().stream().mapToLong(Long::longValue).sum();
            if (nowBytes != bytes) {
                bytes = nowBytes;
                progress = now;
            }
            if (now.isAfter(progress.plus(STALL)) || now.isAfter(deadline)) {
                throw new Stalled("after " + Duration.between(progress, now).toSeconds() + " s without progress, "
                        + distributed.size() + " of " + count + " ImageDistributed; " + activeIngests());
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                if (id.value().equals(EventRecords.releaseOf(record))) {
                    ImageDistributed result = (ImageDistributed) EventRecords.decode(record).event();
                    distributed.put(result.service().name().value(), result);
                    last = Instant.now();
                    progress = last;
                }
            }
        }
        return last;
    }

    /** What each node's containerd is in the middle of writing (ctr content active), for a stalled run. */
    private String activeIngests() {
        List<String> parts = new ArrayList<>();
        for (BenchNode node : nodes) {
            List<String> active = Shell.run(Duration.ofSeconds(30), List.of("ctr", "-a", node.containerd().toString(), "-n",
                    "k8s.io", "content", "active")).lines().skip(1).map(line -> line.replaceAll("\\s+", " ").strip()).toList();
            parts.add(node.name() + " writing [" + String.join("; ", active) + "]");
        }
        return "containerd ingests: " + String.join(", ", parts);
    }

    /** One ImageBuilt per image, as the builder emits them: one release with a service per image. */
    private List<ImageBuilt> events(ReleaseId id, List<String> refs) {
        List<ServicePlan> services = refs.stream().map(ref -> new ServicePlan(ServiceName.of(images.get(ref).service()),
                new BuildSpec(".", "Dockerfile", Map.of()), ImageRepository.of(ref.substring(0, ref.lastIndexOf(':'))), null))
                .toList();
        ReleasePlan plan = new ReleasePlan(ReleaseName.of("bench"), services, RolloutPolicy.DEFAULT, List.of());
        ReleaseContext context = ReleaseContext.of(new BuildRequested(id, Version.of("bench-" + releases), Instant.now(), plan));
        List<ImageBuilt> events = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            events.add(new ImageBuilt(context, services.get(i), StageOutcome.SUCCEEDED, images.get(refs.get(i)).built(), 0, null));
        }
        return events;
    }

    private List<Long> sent() {
        return nodes.stream().map(BenchNode::sentBytes).toList();
    }

    private static List<Long> delta(List<Long> before, List<Long> after) {
        List<Long> delta = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            delta.add(after.get(i) - before.get(i));
        }
        return delta;
    }

    private void writeRaw(List<Measurement> measurements) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(Measurement.HEADER);
        measurements.forEach(m -> lines.add(m.tsv()));
        Files.write(output.resolve("raw.tsv"), lines);
    }

    private static void createTopics(String bootstrapServers, List<String> names) throws InterruptedException {
        List<NewTopic> topics = names.stream().map(name -> new NewTopic(name, 1, (short) 1)).toList();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create the topics: " + e.getCause().getMessage(), e);
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the broker did not create the topics within 30 s", e);
        }
    }

    static void log(String line) {
        System.err.println("[bench " + Instant.now() + "] " + line);
    }
}
