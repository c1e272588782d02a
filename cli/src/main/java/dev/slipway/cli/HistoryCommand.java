package dev.slipway.cli;

import dev.slipway.record.HistoryRow;
import dev.slipway.record.HistoryTable;
import dev.slipway.record.ReleaseHistory;
import dev.slipway.cli.kafka.KafkaClients;
import dev.slipway.cli.kafka.RecentEvents;
import dev.slipway.events.names.ReleaseName;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "history", sortOptions = false,
        description = "Lists the releases requested within --since, newest first, with how each ended (reads without a consumer group).")
final class HistoryCommand extends TopicsCommand {
    @Option(names = "--release", paramLabel = "NAME", description = "Only releases of this name (slipway.yaml's release).")
    String release;

    @Option(names = "--since", defaultValue = "7d", converter = DurationConverter.class,
            description = "How far back to read (default ${DEFAULT-VALUE}); nothing older is read.")
    Duration since;

    @Override
    protected int run(PrintWriter out, PrintWriter err) {
        String name = release == null ? null : ReleaseName.of(release).value();
        KafkaClients clients = reachableClients();
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
    }
}
