package dev.slipway.cli;

import dev.slipway.cli.kafka.BrokerUnreachableException;
import dev.slipway.cli.kafka.BuildRequests;
import dev.slipway.cli.kafka.EventPublisher;
import dev.slipway.cli.kafka.KafkaClients;
import dev.slipway.cli.local.LocalPipeline;
import dev.slipway.cli.local.LocalPipelineException;
import dev.slipway.cli.local.NodesFile;
import dev.slipway.cli.local.CDEventsListing;
import dev.slipway.cli.local.PipelineService;
import dev.slipway.cli.local.RepoRoot;
import dev.slipway.cli.plan.InvalidPlanException;
import dev.slipway.cli.plan.PlanFile;
import dev.slipway.cli.source.GitRevision;
import dev.slipway.events.SourceRevision;
import dev.slipway.events.Topics;
import dev.slipway.events.names.InvalidNameException;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.Version;
import dev.slipway.events.plan.ReleasePlan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "local", sortOptions = false,
        description = "Runs the whole pipeline on this machine (in-process Kafka unless --bootstrap-servers, the four "
                + "services, one Docker engine), releases a plan, shows its progress and prints the verdict and timings.")
final class LocalCommand implements Callable<Integer> {
    private static final DateTimeFormatter VERSION_FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd.HHmmss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RUN_FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    @Parameters(index = "0", arity = "0..1", paramLabel = "PLAN",
            description = "The release plan (default: examples/shop/slipway.yaml in the repository).")
    Path plan;

    @Option(names = "--version", description = "The version to release (default: a timestamp such as 20261127.051230).")
    String version;

    @Option(names = "--engine", defaultValue = "${env:SLIPWAY_DOCKER_HOST:-unix:///var/run/docker.sock}",
            description = "Docker engine used as build host and as the single node 'local' (default: $SLIPWAY_DOCKER_HOST or unix:///var/run/docker.sock).")
    String engine;

    @Option(names = "--nodes", paramLabel = "FILE",
            description = "A properties file of slipway.nodes.* settings (e.g. k3s nodes reached over SSH) for the distributor, "
                    + "rollout and verifier, instead of the engine as the single node 'local' (scripts/cluster.sh env writes one).")
    Path nodes;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "The kubeconfig the rollout and the verifier reach the cluster with, for plans with kubernetes: services.")
    Path kubeconfig;

    @Option(names = "--rollout-kubeconfig", paramLabel = "FILE",
            description = "The rollout's own kubeconfig (e.g. the token of deploy/'s slipway-rollout), instead of --kubeconfig.")
    Path rolloutKubeconfig;

    @Option(names = "--verifier-kubeconfig", paramLabel = "FILE",
            description = "The verifier's own kubeconfig (e.g. the token of deploy/'s slipway-verifier), instead of --kubeconfig.")
    Path verifierKubeconfig;

    @Option(names = "--bootstrap-servers", paramLabel = "host:port",
            description = "A Kafka to use instead of starting the in-process broker (its topics are created when missing; "
                    + "it is left running), e.g. a broker container of the tests.")
    String bootstrapServers;

    @Option(names = "--cdevents",
            description = "Also publish every outcome as CDEvents on slipway.cdevents (slipway.cdevents.enabled=true in each "
                    + "service) and list the release's CDEvents after the verdict.")
    boolean cdevents;

    @Option(names = "--console",
            description = "Also run the console (a web page on the topics) on 127.0.0.1:--console-port, print its address, and "
                    + "keep it and the pipeline up after the verdict until Ctrl-C.")
    boolean console;

    @Option(names = "--console-port", defaultValue = "8480", paramLabel = "PORT",
            description = "The console's port on 127.0.0.1 (default ${DEFAULT-VALUE}).")
    int consolePort;

    @Option(names = "--repo", paramLabel = "DIR", description = "The Slipway repository (default: found from the working folder).")
    Path repo;

    @Option(names = "--run-dir", paramLabel = "DIR", description = "Where the services' logs go (default: target/slipway-local/<time> in the repository).")
    Path runDir;

    @Option(names = "--timeout", defaultValue = "10m", converter = DurationConverter.class,
            description = "How long to wait for the verdict (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--start-timeout", defaultValue = "180s", converter = DurationConverter.class,
            description = "How long each service may take to start (default ${DEFAULT-VALUE}).")
    Duration startTimeout;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    /** The given Kafka, if any, instead of the in-process broker. */
    private LocalPipeline.Settings withBroker(LocalPipeline.Settings settings) {
        return bootstrapServers == null ? settings : settings.withExternalBroker(bootstrapServers);
    }

    /** The engine as the single node 'local', or the nodes of {@code --nodes}; the kubeconfigs of rollout and verifier. */
    private LocalPipeline.Settings settings(Path repoRoot, Path sourceRoot, Path runFolder) {
        if (nodes == null) {
            return withKubeconfigs(new LocalPipeline.Settings(repoRoot, engine, sourceRoot, runFolder, startTimeout));
        }
        Map<String, String> nodeSettings = NodesFile.read(nodes);
        LocalPipeline.Settings settings = new LocalPipeline.Settings(repoRoot, engine, sourceRoot, runFolder, startTimeout, Map.of())
                .withProperties(PipelineService.DISTRIBUTOR, nodeSettings)
                .withProperties(PipelineService.ROLLOUT, nodeSettings)
                .withProperties(PipelineService.VERIFIER, nodeSettings);
        return withKubeconfigs(settings);
    }

    /** {@code slipway.cdevents.enabled=true} in every service when {@code --cdevents}. */
    private LocalPipeline.Settings withCdevents(LocalPipeline.Settings settings) {
        if (!cdevents) {
            return settings;
        }
        for (PipelineService service : PipelineService.values()) {
            settings = settings.withProperties(service, Map.of(CDEventsListing.ENABLED, "true"));
        }
        return settings;
    }

    private LocalPipeline.Settings withKubeconfigs(LocalPipeline.Settings settings) {
        Path rollout = rolloutKubeconfig != null ? rolloutKubeconfig : kubeconfig;
        Path verifier = verifierKubeconfig != null ? verifierKubeconfig : kubeconfig;
        if (rollout != null) {
            settings = settings.withProperties(PipelineService.ROLLOUT,
                    Map.of("slipway.kubernetes.kubeconfig", rollout.toAbsolutePath().toString()));
        }
        if (verifier != null) {
            settings = settings.withProperties(PipelineService.VERIFIER,
                    Map.of("slipway.kubernetes.kubeconfig", verifier.toAbsolutePath().toString()));
        }
        return settings;
    }

    private final java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Ctrl-C (SIGINT) and SIGTERM stop the pipeline in order, then exit 130 / 143: the services and the console first,
     * then the broker, and only then the JVM's shutdown hooks (one of which deletes the broker's folder; run alongside a
     * broker still writing, it made Kafka print pages of "log dirs have failed").
     */
    private void stopOnSignal(LocalPipeline pipeline, PrintWriter out) {
        for (String name : new String[] {"INT", "TERM"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                stop(pipeline, out);
                System.exit(128 + signal.getNumber());
            });
        }
    }

    private void stop(LocalPipeline pipeline, PrintWriter out) {
        if (stopping.compareAndSet(false, true)) {
            out.println(bootstrapServers == null ? "stopping the services and the broker" : "stopping the services");
            out.flush();
            pipeline.close();
        }
    }

    /** Blocks until the JVM is stopped (Ctrl-C: {@link #stopOnSignal}). */
    private static void awaitInterrupt() {
        try {
            new java.util.concurrent.CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Integer call() {
        Instant commandStart = Instant.now();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LocalPipeline pipeline = null;
        try {
            Path repoRoot = RepoRoot.find(repo != null ? repo : Path.of(""));
            Path planFile = plan != null ? plan : repoRoot.resolve("examples/shop/slipway.yaml");
            Path sourceRoot = PlanFile.sourceRootOf(planFile);
            ReleasePlan releasePlan = PlanFile.read(planFile, sourceRoot);
            // the local default is a try-out of the working tree (ignored files such as vendored binaries included): it
            // records the commit when there is one, and releases a dirty tree too
            SourceRevision source = GitRevision.of(sourceRoot) instanceof GitRevision.Pinned pinned
                    ? pinned.revision().ofWorkingTree() : null;
            Version releaseVersion = Version.of(version != null ? version : VERSION_FORMAT.format(commandStart));
            Path runFolder = runDir != null ? runDir
                    : repoRoot.resolve("target/slipway-local/" + RUN_FORMAT.format(commandStart));
            out.println("starting the local pipeline (engine " + engine + ")");
            out.flush();
            pipeline = LocalPipeline.start(withBroker(withCdevents(settings(repoRoot, sourceRoot, runFolder))),
                    line -> {
                        out.println("  " + line);
                        out.flush();
                    });
            stopOnSignal(pipeline, out);
            java.net.URI consoleAddress = console ? pipeline.startConsole(consolePort) : null;
            if (consoleAddress != null) {
                out.println("console: " + consoleAddress + " (the release appears there live)");
            }
            KafkaClients clients = new KafkaClients(pipeline.bootstrapServers());
            Topics topics = Topics.defaults();
            ReleaseId id;
            try (EventPublisher publisher = new EventPublisher(clients, topics, Clock.systemUTC())) {
                id = new BuildRequests(publisher, Clock.systemUTC(), new SecureRandom()).publish(releasePlan, releaseVersion,
                        source);
            }
            out.println("released " + releasePlan.release() + " " + releaseVersion + " from " + planFile + " as " + id
                    + (source == null ? "" : " (commit " + source.revision() + ")"));
            out.println();
            out.flush();
            int code = Follow.release(clients, topics, Clock.systemUTC(), id, timeout, out, err);
            if (cdevents && code != ExitCodes.TIMED_OUT) {
                CDEventsListing.print(clients, id, out);
            }
            if (code != ExitCodes.TIMED_OUT) {
                out.println("wall time from command to verdict: " + String.format(Locale.ROOT, "%.1f s",
                        Duration.between(commandStart, Instant.now()).toMillis() / 1000.0));
            }
            out.println("service logs: " + runFolder);
            out.flush();
            if (consoleAddress != null) {
                out.println("console: " + consoleAddress + " stays up with the pipeline; Ctrl-C stops everything");
                out.flush();
                awaitInterrupt();
            }
            return code;
        } catch (InvalidPlanException | InvalidNameException | BrokerUnreachableException | LocalPipelineException e) {
            err.println(e.getMessage());
            return ExitCodes.CANNOT_START;
        } finally {
            if (pipeline != null) {
                stop(pipeline, out);
            }
        }
    }
}
