package dev.slipway.cli;

import dev.slipway.record.HistoryRow;
import dev.slipway.record.HistoryTable;
import dev.slipway.record.ReleaseHistory;
import dev.slipway.cli.kafka.BrokerUnreachableException;
import dev.slipway.cli.kafka.KafkaClients;
import dev.slipway.cli.kafka.RecentEvents;
import dev.slipway.events.names.InvalidNameException;
import dev.slipway.events.names.ReleaseName;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "history", sortOptions = false,
        description = "Lists the releases requested within --since, newest first, with how each ended (reads without a consumer group).")
final class HistoryCommand implements Callable<Integer> {
    @Option(names = "--release", paramLabel = "NAME", description = "Only releases of this name (slipway.yaml's release).")
    String release;

    @Option(names = "--since", defaultValue = "7d", converter = DurationConverter.class,
            description = "How far back to read (default ${DEFAULT-VALUE}); nothing older is read.")
    Duration since;

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
            String name = release == null ? null : ReleaseName.of(release).value();
            KafkaClients clients = kafka.clients();
            clients.requireReachable(KafkaClients.REACH_TIMEOUT);
            RecentEvents recent = new RecentEvents(clients, kafka.topics(), err::println);
            List<HistoryRow> rows = ReleaseHistory.rows(recent.since(Clock.systemUTC().instant().minus(since)), name);
            if (rows.isEmpty()) {
                err.println("no release" + (name == null ? "" : " named " + name) + " requested in the last "
                        + Follow.describe(since) + " (" + recent.recordsRead() + " records read)");
                return ExitCodes.PASSED;
            }
            out.print(HistoryTable.render(rows));
            out.flush();
            return ExitCodes.PASSED;
        } catch (InvalidNameException | BrokerUnreachableException e) {
            err.println(e.getMessage());
            return ExitCodes.CANNOT_START;
        }
    }
}
