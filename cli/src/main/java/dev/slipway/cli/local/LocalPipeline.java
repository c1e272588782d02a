package dev.slipway.cli.local;

import com.github.dockerjava.api.DockerClient;
import dev.slipway.broker.EmbeddedKafkaBroker;
import dev.slipway.docker.DockerEngines;
import dev.slipway.events.EventType;
import dev.slipway.events.Topics;
import dev.slipway.events.names.NodeName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The whole pipeline on this machine: the in-process Kafka broker and the four stages as child JVMs,
 * with one Docker engine as build host and single node {@value PipelineService#LOCAL_NODE}. Used by
 * {@code slipway local} and by end-to-end tests; {@link #close()} stops everything it started.
 */
public final class LocalPipeline implements AutoCloseable {
    /** As long as Kubernetes waits after SIGTERM by default (terminationGracePeriodSeconds). */
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    /**
     * Where the stages come from and run: repository, the Docker engine that builds, the builder's source
     * root, the run folder, the Docker nodes (node name to engine address; by default the build engine as
     * the single node {@value PipelineService#LOCAL_NODE}), and further configuration per stage (e.g. the
     * {@code slipway.nodes.*} keys of k3s nodes, a kubeconfig), passed as system properties.
     */
    public record Settings(Path repo, String engine, Path sourceRoot, Path runFolder, Duration startTimeout,
            Map<String, String> nodes, Map<PipelineService, Map<String, String>> properties) {
        public Settings {
            nodes = Map.copyOf(nodes);
            nodes.keySet().forEach(NodeName::of);
            Map<PipelineService, Map<String, String>> copy = new java.util.EnumMap<>(PipelineService.class);
            properties.forEach((service, values) -> copy.put(service, Map.copyOf(values)));
            properties = java.util.Collections.unmodifiableMap(copy);
        }

        public Settings(Path repo, String engine, Path sourceRoot, Path runFolder, Duration startTimeout,
                Map<String, String> nodes) {
            this(repo, engine, sourceRoot, runFolder, startTimeout, nodes, Map.of());
        }

        public Settings(Path repo, String engine, Path sourceRoot, Path runFolder, Duration startTimeout) {
            this(repo, engine, sourceRoot, runFolder, startTimeout, Map.of(PipelineService.LOCAL_NODE, engine));
        }

        /** These settings with {@code values} added to the configuration of {@code service}. */
        public Settings withProperties(PipelineService service, Map<String, String> values) {
            Map<PipelineService, Map<String, String>> more = new java.util.EnumMap<>(PipelineService.class);
            more.putAll(properties);
            Map<String, String> merged = new java.util.LinkedHashMap<>(properties.getOrDefault(service, Map.of()));
            merged.putAll(values);
            more.put(service, merged);
            return new Settings(repo, engine, sourceRoot, runFolder, startTimeout, nodes, more);
        }
    }

    private final EmbeddedKafkaBroker broker;
    private final List<ServiceProcess> services;
    private final Path runFolder;
    private Settings settings;
    private final Thread stopOnExit = new Thread(this::close, "slipway-local-stop");
    private boolean closed;
    private int restarts;

    private LocalPipeline(EmbeddedKafkaBroker broker, List<ServiceProcess> services, Path runFolder) {
        this.broker = broker;
        this.services = services;
        this.runFolder = runFolder;
        // Child JVMs outlive their parent: stop them when this JVM ends, on Ctrl-C too.
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /** Starts the broker and the four stages and returns once each has started; reports each step to {@code progress}. */
    public static LocalPipeline start(Settings settings, Consumer<String> progress) {
        jars(settings.repo());
        checkEngine(settings.engine());
        settings.nodes().values().stream().distinct().filter(e -> !e.equals(settings.engine()))
                .forEach(LocalPipeline::checkEngine);
        createFolder(settings.runFolder());
        progress.accept("run folder: " + settings.runFolder() + " (one log per service)");
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        List<ServiceProcess> started = new ArrayList<>();
        LocalPipeline pipeline = new LocalPipeline(broker, started, settings.runFolder());
        pipeline.settings = settings;
        try {
            progress.accept("kafka broker: " + broker.bootstrapServers());
            createTopics(broker.bootstrapServers());
            pipeline.startServices(progress);
            return pipeline;
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    /** The peak resident memory (VmHWM) of each running stage, in KiB, by module. */
    public Map<String, Long> peakRssKib() {
        Map<String, Long> peaks = new java.util.LinkedHashMap<>();
        services.forEach(service -> service.peakRssKib().ifPresent(kib -> peaks.put(service.service().module(), kib)));
        return peaks;
    }

    /** Starts the four stages on the running broker with other settings (say, other consumer groups); they must be stopped. */
    public synchronized void startServices(Settings changed, Consumer<String> progress) {
        if (!services.isEmpty()) {
            throw new LocalPipelineException("the stages are running: stop them before starting them with other settings");
        }
        this.settings = changed;
        startServices(progress);
    }

    /** Starts the four stages on the running broker and returns once each has started. */
    public synchronized void startServices(Consumer<String> progress) {
        List<Path> jars = jars(settings.repo());
        int generation = restarts++;
        for (PipelineService service : PipelineService.values()) {
            String logName = service.module() + (generation == 0 ? "" : "." + generation) + ".log";
            Map<String, String> properties = new java.util.LinkedHashMap<>(
                    service.properties(broker.bootstrapServers(), settings.engine(), settings.sourceRoot(), settings.nodes()));
            properties.putAll(settings.properties().getOrDefault(service, Map.of()));
            services.add(ServiceProcess.start(service, jars.get(service.ordinal()), properties,
                    settings.runFolder().resolve(logName)));
        }
        for (ServiceProcess service : services) {
            service.awaitStarted(settings.startTimeout(), Clock.systemUTC());
            progress.accept(service.service().module() + " started (pid " + service.pid() + ", log "
                    + service.log() + ")");
        }
    }

    /**
     * Kills one stage at once (SIGKILL, as a crash or the kernel's OOM killer would) and starts it again
     * with the same settings, as an orchestrator restarts a failed process; returns once it has started.
     */
    public synchronized ServiceProcess killAndRestart(PipelineService service, Duration downFor) {
        ServiceProcess running = running(service);
        running.kill();
        return restart(running, downFor);
    }

    /**
     * Stops one stage as an orchestrator does (SIGTERM, SIGKILL after the grace period) and starts it again
     * after {@code downFor}; returns how long it took to stop and the restarted process.
     */
    public synchronized Restarted stopAndRestart(PipelineService service, Duration downFor) {
        ServiceProcess running = running(service);
        long started = System.nanoTime();
        running.requestStop();
        running.awaitStop(STOP_GRACE);
        Duration stopped = Duration.ofNanos(System.nanoTime() - started);
        return new Restarted(stopped, restart(running, downFor));
    }

    /** A stage stopped and started again: how long it took to stop, and the new process. */
    public record Restarted(Duration stopTook, ServiceProcess process) {}

    private ServiceProcess running(PipelineService service) {
        return services.stream().filter(p -> p.service() == service).findFirst()
                .orElseThrow(() -> new LocalPipelineException(service.module() + " is not running"));
    }

    private ServiceProcess restart(ServiceProcess running, Duration downFor) {
        PipelineService service = running.service();
        sleep(downFor);
        int generation = restarts++;
        Map<String, String> properties = new java.util.LinkedHashMap<>(
                service.properties(broker.bootstrapServers(), settings.engine(), settings.sourceRoot(), settings.nodes()));
        properties.putAll(settings.properties().getOrDefault(service, Map.of()));
        ServiceProcess restarted = ServiceProcess.start(service, jars(settings.repo()).get(service.ordinal()), properties,
                settings.runFolder().resolve(service.module() + "." + generation + ".log"));
        services.set(services.indexOf(running), restarted);
        restarted.awaitStarted(settings.startTimeout(), Clock.systemUTC());
        return restarted;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalPipelineException("interrupted while restarting a stage", e);
        }
    }

    /** Stops the four stages (SIGTERM, then kill after a grace period); the broker keeps running. */
    public synchronized void stopServices() {
        services.forEach(ServiceProcess::requestStop);
        services.forEach(service -> service.awaitStop(STOP_GRACE));
        services.clear();
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public Path runFolder() {
        return runFolder;
    }

    public List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    public Settings settings() {
        return settings;
    }

    /** Stops the stages (SIGTERM, then kill after a grace period) and then the broker. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopServices();
        broker.close();
        if (Thread.currentThread() != stopOnExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs close() again, which returns at once
            }
        }
    }

    private static List<Path> jars(Path repo) {
        List<Path> jars = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (PipelineService service : PipelineService.values()) {
            Path jar = repo.resolve(service.jar());
            if (!Files.isRegularFile(jar)) {
                missing.add(service.jar().toString());
            }
            jars.add(jar);
        }
        if (!missing.isEmpty()) {
            throw new LocalPipelineException(String.join(", ", missing) + " not found under " + repo
                    + ": build with ./mvnw -DskipTests package");
        }
        return jars;
    }

    private static void checkEngine(String engine) {
        try {
            DockerEngines.address(engine);
        } catch (IllegalArgumentException e) {
            throw new LocalPipelineException(e.getMessage() + " (pass --engine or set SLIPWAY_DOCKER_HOST)", e);
        }
        try (DockerClient docker = DockerEngines.connect(engine)) {
            docker.pingCmd().exec();
        } catch (IOException | RuntimeException e) {
            throw new LocalPipelineException("cannot reach the Docker engine at " + engine + ": " + e.getMessage()
                    + ". Start one (scripts/engines.sh start) and pass --engine or set SLIPWAY_DOCKER_HOST.", e);
        }
    }

    private static void createFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new LocalPipelineException("cannot create the run folder " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The five topics and the stages' dead-letter topics exist before any stage subscribes. */
    private static void createTopics(String bootstrapServers) {
        List<NewTopic> topics = new ArrayList<>();
        for (EventType type : EventType.values()) {
            topics.add(new NewTopic(Topics.defaultName(type), 1, (short) 1));
            if (type != EventType.VERIFIED) {
                topics.add(new NewTopic(Topics.deadLetterName(type), 1, (short) 1));
            }
        }
        try (Admin admin = Admin.create(java.util.Map.of("bootstrap.servers", bootstrapServers))) {
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new LocalPipelineException("could not create the topics: " + e.getCause().getMessage(), e);
            }
        } catch (TimeoutException e) {
            throw new LocalPipelineException("the broker did not create the topics within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalPipelineException("interrupted while creating the topics", e);
        }
    }
}
