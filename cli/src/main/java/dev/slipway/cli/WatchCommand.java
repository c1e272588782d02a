package dev.slipway.cli;

import dev.slipway.events.names.ReleaseId;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "watch", sortOptions = false,
        description = "Shows a release's stages live and its verdict; exits 0 on PASSED, 1 on FAILED, 3 without a verdict within "
                + "--timeout, 4 when no release of that id was requested.")
final class WatchCommand extends TopicsCommand {
    @Parameters(index = "0", paramLabel = "RELEASE-ID", description = "The id printed by slipway release.")
    String releaseId;

    @Option(names = "--timeout", defaultValue = "10m", converter = DurationConverter.class,
            description = "How long to wait for the verdict (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    protected int run(PrintWriter out, PrintWriter err) {
        ReleaseId id = ReleaseId.of(releaseId);
        return Follow.release(reachableClients(), kafka.topics(), Clock.systemUTC(), id, timeout, out, err);
    }
}
