package dev.slipway.cli;

import dev.slipway.cli.kafka.BrokerUnreachableException;
import dev.slipway.cli.kafka.BuildRequests;
import dev.slipway.cli.kafka.EventPublisher;
import dev.slipway.cli.kafka.KafkaClients;
import dev.slipway.cli.plan.InvalidPlanException;
import dev.slipway.cli.plan.PlanFile;
import dev.slipway.events.EventType;
import dev.slipway.events.names.InvalidNameException;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.Version;
import dev.slipway.events.plan.ReleasePlan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "release", sortOptions = false,
        description = "Validates a release plan and publishes its BuildRequested; prints the release id.")
final class ReleaseCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PLAN", description = "The release plan, e.g. slipway.yaml.")
    Path plan;

    @Option(names = "--version", required = true, description = "The version to release, e.g. 2.1.0 (the image tag).")
    String version;

    @Option(names = "--source-root", paramLabel = "DIR",
            description = "The monorepo the build contexts are relative to (default: the plan's folder).")
    Path sourceRoot;

    @Mixin
    KafkaOptions kafka;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Version releaseVersion = Version.of(version);
            ReleasePlan releasePlan = PlanFile.read(plan, sourceRoot != null ? sourceRoot : PlanFile.sourceRootOf(plan));
            KafkaClients clients = kafka.clients();
            clients.requireReachable(KafkaClients.REACH_TIMEOUT);
            ReleaseId id;
            try (EventPublisher publisher = new EventPublisher(clients, kafka.topics(), Clock.systemUTC())) {
                id = new BuildRequests(publisher, Clock.systemUTC(), new SecureRandom()).publish(releasePlan, releaseVersion);
            }
            out.println(id);
            out.flush();
            err.println("published " + EventType.BUILD_REQUESTED.type() + " for " + releasePlan.release() + " "
                    + releaseVersion + " (" + releasePlan.services().size() + " services) to "
                    + kafka.topics().name(EventType.BUILD_REQUESTED) + "; follow it with: slipway watch " + id);
            return ExitCodes.PASSED;
        } catch (InvalidPlanException | InvalidNameException | BrokerUnreachableException e) {
            err.println(e.getMessage());
            return ExitCodes.CANNOT_START;
        }
    }
}
