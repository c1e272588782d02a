package dev.slipway.cli;

import dev.slipway.cli.kafka.BuildRequests;
import dev.slipway.cli.kafka.EventPublisher;
import dev.slipway.cli.kafka.KafkaClients;
import dev.slipway.cli.plan.PlanFile;
import dev.slipway.cli.source.GitRevision;
import dev.slipway.events.EventType;
import dev.slipway.events.SourceRevision;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.Version;
import dev.slipway.events.plan.ReleasePlan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "release", sortOptions = false,
        description = "Validates a release plan and publishes its BuildRequested; prints the release id.")
final class ReleaseCommand extends TopicsCommand {
    @Parameters(index = "0", paramLabel = "PLAN", description = "The release plan, e.g. slipway.yaml.")
    Path plan;

    @Option(names = "--version", required = true, description = "The version to release, e.g. 2.1.0 (the image tag).")
    String version;

    @Option(names = "--source-root", paramLabel = "DIR",
            description = "The monorepo the build contexts are relative to (default: the plan's folder).")
    Path sourceRoot;

    @Option(names = "--allow-dirty",
            description = "Release a source root with uncommitted changes (recorded as dirty), or one that is not a git checkout (recorded without a commit).")
    boolean allowDirty;

    @Option(names = "--replace-version",
            description = "Let the builder replace the images of this version when they were built before from other content (by default it refuses, naming both commits).")
    boolean replaceVersion;

    @Override
    protected int run(PrintWriter out, PrintWriter err) {
        Version releaseVersion = Version.of(version);
        Path root = sourceRoot != null ? sourceRoot : PlanFile.sourceRootOf(plan);
        ReleasePlan releasePlan = PlanFile.read(plan, root);
        SourceRevision source;
        GitRevision.Found found = GitRevision.of(root);
        if (found instanceof GitRevision.Pinned pinned) {
            if (pinned.revision().dirty() && !allowDirty) {
                err.println(root + " has uncommitted changes (" + String.join(", ", pinned.changes()) + "): a release is "
                        + "pinned to a commit; commit them, or pass --allow-dirty to release the working tree as it is "
                        + "(recorded as " + pinned.revision().revision() + ")");
                return ExitCodes.CANNOT_START;
            }
            source = pinned.revision();
        } else {
            String why = ((GitRevision.NotAGitCheckout) found).why();
            if (!allowDirty) {
                err.println(why + "; a release is pinned to a commit: release from a git checkout, or pass --allow-dirty "
                        + "to release it without one");
                return ExitCodes.CANNOT_START;
            }
            err.println("warning: " + why + "; released without a commit (--allow-dirty)");
            source = null;
        }
        KafkaClients clients = reachableClients();
        ReleaseId id;
        try (EventPublisher publisher = new EventPublisher(clients, kafka.topics(), Clock.systemUTC())) {
            id = new BuildRequests(publisher, Clock.systemUTC(), new SecureRandom()).publish(releasePlan, releaseVersion, source,
                    replaceVersion);
        }
        out.println(id);
        out.flush();
        err.println("published " + EventType.BUILD_REQUESTED.type() + " for " + releasePlan.release() + " "
                + releaseVersion + " (" + releasePlan.services().size() + " services"
                + (source == null ? ", no commit" : ", commit " + source.revision())
                + (replaceVersion ? ", replacing images of " + releaseVersion + " built before" : "") + ") to "
                + kafka.topics().name(EventType.BUILD_REQUESTED) + "; follow it with: slipway watch " + id);
        return ExitCodes.PASSED;
    }
}
