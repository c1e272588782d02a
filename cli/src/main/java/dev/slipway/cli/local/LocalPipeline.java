package dev.slipway.cli.local;

import com.github.dockerjava.api.DockerClient;
import dev.slipway.broker.EmbeddedKafkaBroker;
import dev.slipway.broker.KafkaBroker;
import dev.slipway.broker.KafkaBrokerProcess;
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
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The whole pipeline on this machine: the in-process Kafka broker (or a Kafka it is given, as the end-to-end tests
 * give it their broker's container) and the four stages as child JVMs, with one Docker engine as build host and
 * single node {@value PipelineService#LOCAL_NODE}. Used by {@code slipway local} and by end-to-end tests;
 * {@link #close()} stops everything it started. For fault
 * runs a {@link Layout} can run several instances of each stage in one consumer group over topics with
 * several partitions, and the broker in its own process, to be killed or stopped and started again.
 */
public final class LocalPipeline implements AutoCloseable {
    /** As long as Kubernetes waits after SIGTERM by default (terminationGracePeriodSeconds). */
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    /**
     * Where the stages come from and run: repository, the Docker engine that builds, the builder's source
     * root, the run folder, the Docker nodes (node name to engine address; by default the build engine as
     * the single node {@value PipelineService#LOCAL_NODE}), and further configuration per stage (e.g. the
     * {@code slipway.nodes.*} keys of k3s nodes, a kubeconfig), passed as system properties; and a Kafka to use
     * instead of starting one ({@code externalBroker}, none by default).
     */
    public record Settings(Path repo, String engine, Path sourceRoot, Path runFolder, Duration startTimeout,
            Map<String, String> nodes, Map<PipelineService, Map<String, String>> properties, Layout layout,
            Optional<BootstrapServers> externalBroker) {
        public Settings {
            nodes = Map.copyOf(nodes);
            nodes.keySet().forEach(NodeName::of);
            Map<PipelineService, Map<String, String>> copy = new java.util.EnumMap<>(PipelineService.class);
            properties.forEach((service, values) -> copy.put(service, Map.copyOf(values)));
            properties = java.util.Collections.unmodifiableMap(copy);
            java.util.Objects.requireNonNull(layout, "layout");
            java.util.Objects.requireNonNull(externalBroker, "externalBroker");
            if (layout.brokerProcess() && externalBroker.isPresent()) {
                throw new LocalPipelineException("the layout runs the broker in its own process, to restart it: it cannot use "
                        + "the Kafka at " + externalBroker.get() + " instead");
            }
        }

        public Settings(Path repo, String engine, Path sourceRoot, Path runFolder, Duration startTimeout,
                Map<String, String> nodes, Map<PipelineService, Map<String, String>> properties, Layout layout) {
            this(repo, engine, sourceRoot, runFolder, startTimeout, nodes, properties, layout, Optional.empty());
        }

        public Settings(Path repo, String engine, Path sourceRoot, Path runFolder, Duration startTimeout,
                Map<String, String> nodes, Map<PipelineService, Map<String, String>> properties) {
            this(repo, engine, sourceRoot, runFolder, startTimeout, nodes, properties, Layout.SINGLE);
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
            return new Settings(repo, engine, sourceRoot, runFolder, startTimeout, nodes, more, layout, externalBroker);
        }

        /** These settings with another layout (instances per stage, partitions per topic, where the broker runs). */
        public Settings withLayout(Layout changed) {
            return new Settings(repo, engine, sourceRoot, runFolder, startTimeout, nodes, properties, changed, externalBroker);
        }

        /** These settings with the Kafka at {@code bootstrapServers} instead of a broker the pipeline starts and stops. */
        public Settings withExternalBroker(String bootstrapServers) {
            return new Settings(repo, engine, sourceRoot, runFolder, startTimeout, nodes, properties, layout,
                    Optional.of(new BootstrapServers(bootstrapServers)));
        }
    }

    /**
     * How the pipeline is laid out: {@code instances} of each stage in the stage's consumer group, each a
     * static member under its own name ({@code slipway.instance-id=slipway-<stage>-<i>}); {@code partitions}
     * for every topic, created before the stages start (releases are keyed by release id, so they spread
     * over the partitions and the instances); and the broker in this JVM, or in its own process
     * ({@code brokerProcess}) so that {@link #restartBroker} can kill or stop it and start it again.
     */
    public record Layout(int instances, int partitions, boolean brokerProcess) {
        /** What {@code slipway local} runs: one instance of each stage, one partition per topic, the broker in this JVM. */
        public static final Layout SINGLE = new Layout(1, 1, false);

        public Layout {
            if (instances < 1 || partitions < 1) {
                throw new IllegalArgumentException("a layout needs at least one instance of each stage and one partition per "
                        + "topic, not " + instances + " and " + partitions);
            }
        }
    }

    /** How {@link #restartBroker} takes the broker down: SIGKILL (a crash), or SIGTERM (Kafka's controlled shutdown). */
    public enum BrokerStop { KILL, TERMINATE }

    /** A broker taken down and started again: how long it took to go down, and to answer again once started. */
    public record BrokerRestart(Duration stopTook, Duration startTook) {}

    private final KafkaBroker broker;
    private final List<ServiceProcess> services;
    private final Path runFolder;
    private Settings settings;
    /** The console's runnable jar, relative to the repository root. */
    public static final Path CONSOLE_JAR = Path.of("console", "target", "quarkus-app", "quarkus-run.jar");
    private ServiceProcess console;
    private final Thread stopOnExit = new Thread(this::close, "slipway-local-stop");
    private boolean closed;
    private int restarts;

    private LocalPipeline(KafkaBroker broker, List<ServiceProcess> services, Path runFolder) {
        this.broker = broker;
        this.services = services;
        this.runFolder = runFolder;
        // Child JVMs outlive their parent: stop them when this JVM ends, on Ctrl-C too.
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /** Starts the broker and the stages and returns once each has started; reports each step to {@code progress}. */
    public static LocalPipeline start(Settings settings, Consumer<String> progress) {
        jars(settings.repo());
        checkEngine(settings.engine());
        settings.nodes().values().stream().distinct().filter(e -> !e.equals(settings.engine()))
                .forEach(LocalPipeline::checkEngine);
        createFolder(settings.runFolder());
        progress.accept("run folder: " + settings.runFolder() + " (one log per service)");
        KafkaBroker broker = settings.externalBroker().isPresent()
                ? ExternalKafkaBroker.reach(settings.externalBroker().get())
                : settings.layout().brokerProcess()
                ? KafkaBrokerProcess.start(settings.runFolder().resolve("broker"))
                : EmbeddedKafkaBroker.start();
        List<ServiceProcess> started = new ArrayList<>();
        LocalPipeline pipeline = new LocalPipeline(broker, started, settings.runFolder());
        pipeline.settings = settings;
        try {
            progress.accept("kafka broker: " + broker.bootstrapServers()
                    + (broker instanceof KafkaBrokerProcess process ? " (pid " + process.pid() + ", log under "
                            + process.folder() + ")" : "")
                    + (broker instanceof ExternalKafkaBroker ? " (given, left running)" : ""));
            createTopics(broker.bootstrapServers(), settings.layout().partitions());
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
        services.forEach(service -> service.peakRssKib().ifPresent(kib -> peaks.put(service.name(), kib)));
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

    /** Starts the stages (each in as many instances as the layout says) on the running broker and returns once each has started. */
    public synchronized void startServices(Consumer<String> progress) {
        List<Path> jars = jars(settings.repo());
        int generation = restarts++;
        for (PipelineService service : PipelineService.values()) {
            for (int instance = 0; instance < settings.layout().instances(); instance++) {
                services.add(ServiceProcess.start(service, instance, jars.get(service.ordinal()), properties(service, instance),
                        settings.runFolder().resolve(logName(service, instance, generation))));
            }
        }
        for (ServiceProcess service : services) {
            service.awaitStarted(settings.startTimeout(), Clock.systemUTC());
            progress.accept(service.name() + " started (pid " + service.pid() + ", log "
                    + service.log() + ")");
        }
    }

    /** {@code builder-service.log}, {@code builder-service.3.log} after restarts; {@code builder-service-1.log} for a second instance. */
    private static String logName(PipelineService service, int instance, int generation) {
        return service.module() + (instance == 0 ? "" : "-" + instance) + (generation == 0 ? "" : "." + generation) + ".log";
    }

    private Map<String, String> properties(PipelineService service, int instance) {
        Map<String, String> properties = new java.util.LinkedHashMap<>(service.properties(broker.bootstrapServers(),
                settings.engine(), settings.sourceRoot(), settings.nodes(), instance));
        properties.putAll(settings.properties().getOrDefault(service, Map.of()));
        return properties;
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
     * Kills one instance of a stage at once (SIGKILL) and leaves it down, as a replica that does not come
     * back: it keeps its partitions, as a static member, until the group's session timeout
     * ({@code slipway.stage.session-timeout}) has passed, then the other instances take them over.
     */
    public synchronized void kill(ServiceProcess instance) {
        requireOwn(instance).kill();
    }

    /** Starts a killed or stopped instance again under its name, after {@code downFor}; returns once it has started. */
    public synchronized ServiceProcess startAgain(ServiceProcess instance, Duration downFor) {
        if (requireOwn(instance).isAlive()) {
            throw new LocalPipelineException(instance.name() + " is running (pid " + instance.pid() + ")");
        }
        return restart(instance, downFor);
    }

    /** The processes of one stage, one per instance in instance order, those killed and not started again included. */
    public synchronized List<ServiceProcess> instances(PipelineService service) {
        return services.stream().filter(p -> p.service() == service).toList();
    }

    /**
     * Takes the broker down ({@code how}) and starts it again after {@code downFor} at the same address with
     * the same data, as a restarted broker comes back; returns once it answers clients. The stages stay up
     * and reconnect by themselves. Needs the layout's {@code brokerProcess}.
     */
    public BrokerRestart restartBroker(BrokerStop how, Duration downFor) {
        if (!(broker instanceof KafkaBrokerProcess process)) {
            throw new LocalPipelineException("the broker " + (broker instanceof ExternalKafkaBroker ? "was given, not started here"
                    : "runs in this JVM") + ": start the pipeline with a layout whose broker runs in its own process to restart it");
        }
        long stopping = System.nanoTime();
        if (how == BrokerStop.KILL) {
            process.kill();
        } else {
            process.stop();
        }
        Duration stopTook = Duration.ofNanos(System.nanoTime() - stopping);
        sleep(downFor);
        return new BrokerRestart(stopTook, process.startAgain());
    }

    private ServiceProcess requireOwn(ServiceProcess instance) {
        if (!services.contains(instance)) {
            throw new LocalPipelineException(instance.name() + " (pid " + instance.pid() + ") is not one of this pipeline's "
                    + "current processes");
        }
        return instance;
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
        int instance = running.instance();
        sleep(downFor);
        int generation = restarts++;
        ServiceProcess restarted = ServiceProcess.start(service, instance, jars(settings.repo()).get(service.ordinal()),
                properties(service, instance), settings.runFolder().resolve(logName(service, instance, generation)));
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

    /**
     * Starts the console (a web page on the topics) on {@code 127.0.0.1:port} and returns its address once it has
     * started; {@link #close()} stops it with the stages.
     */
    public synchronized java.net.URI startConsole(int port) {
        Path jar = settings.repo().resolve(CONSOLE_JAR);
        if (!Files.isRegularFile(jar)) {
            throw new LocalPipelineException(CONSOLE_JAR + " not found under " + settings.repo()
                    + ": build with ./mvnw -DskipTests package");
        }
        Map<String, String> properties = new java.util.LinkedHashMap<>();
        properties.put("kafka.bootstrap.servers", broker.bootstrapServers());
        properties.put("quarkus.http.host", "127.0.0.1");
        properties.put("quarkus.http.port", Integer.toString(port));
        console = ServiceProcess.startApplication("console", jar, properties, settings.runFolder().resolve("console.log"));
        console.awaitStarted(settings.startTimeout(), Clock.systemUTC());
        return java.net.URI.create("http://127.0.0.1:" + port + "/");
    }

    /** Stops the stages (SIGTERM, then kill after a grace period); the broker keeps running. */
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

    /** Stops the stages (SIGTERM, then kill after a grace period) and then the broker it started. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (console != null) {
            console.requestStop();
            console.awaitStop(STOP_GRACE);
        }
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

    /** The five topics and the stages' dead-letter topics exist, with {@code partitions} each, before any stage subscribes. */
    private static void createTopics(String bootstrapServers, int partitions) {
        List<NewTopic> topics = new ArrayList<>();
        for (EventType type : EventType.values()) {
            topics.add(new NewTopic(Topics.defaultName(type), partitions, (short) 1));
            if (type != EventType.VERIFIED) {
                topics.add(new NewTopic(Topics.deadLetterName(type), partitions, (short) 1));
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
