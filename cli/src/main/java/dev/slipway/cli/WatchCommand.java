package dev.slipway.cli;

import dev.slipway.cli.kafka.BrokerUnreachableException;
import dev.slipway.cli.kafka.KafkaClients;
import dev.slipway.events.names.InvalidNameException;
import dev.slipway.events.names.ReleaseId;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "watch", sortOptions = false,
        description = "Shows a release's stages live and its verdict; exits 0 on PASSED, 1 on FAILED.")
final class WatchCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RELEASE-ID", description = "The id printed by slipway release.")
    String releaseId;

    @Option(names = "--timeout", defaultValue = "10m", converter = DurationConverter.class,
            description = "How long to wait for the verdict (default ${DEFAULT-VALUE}).")
    Duration timeout;

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
            ReleaseId id = ReleaseId.of(releaseId);
            KafkaClients clients = kafka.clients();
            clients.requireReachable(KafkaClients.REACH_TIMEOUT);
            return Follow.release(clients, kafka.topics(), Clock.systemUTC(), id, timeout, out, err);
        } catch (InvalidNameException | BrokerUnreachableException e) {
            err.println(e.getMessage());
            return ExitCodes.CANNOT_START;
        }
    }
}
