package dev.slipway.cli;

import dev.slipway.record.AuditRecord;
import dev.slipway.record.JsonRecord;
import dev.slipway.record.MarkdownRecord;
import dev.slipway.record.RecordAssembler;
import dev.slipway.cli.kafka.KafkaClients;
import dev.slipway.record.ReleaseEvent;
import dev.slipway.cli.kafka.ReleaseLog;
import dev.slipway.events.EventType;
import dev.slipway.events.names.ReleaseId;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "audit", sortOptions = false,
        description = "Rebuilds the deployment record of one release from the topics (the same bytes every time; reads without a consumer group).")
final class AuditCommand extends TopicsCommand {
    enum Format { markdown, json }

    @Parameters(index = "0", paramLabel = "RELEASE-ID", description = "The id printed by slipway release.")
    String releaseId;

    @Option(names = "--format", defaultValue = "markdown", description = "markdown or json (default ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the record to FILE instead of the standard output.")
    Path out;

    @Override
    protected int run(PrintWriter stdout, PrintWriter err) {
        ReleaseId id = ReleaseId.of(releaseId);
        KafkaClients clients = reachableClients();
        ReleaseLog log = new ReleaseLog(clients, kafka.topics(), Clock.systemUTC(), err::println);
        Optional<List<ReleaseEvent>> events = log.read(id);
        if (events.isEmpty()) {
            err.println("release " + id + " not found: no build request with that id on "
                    + kafka.topics().name(EventType.BUILD_REQUESTED) + " (searched back to the topic's oldest record). "
                    + "Check the id (slipway history lists recent releases) and --topic.");
            return ExitCodes.NOT_FOUND;
        }
        AuditRecord record = RecordAssembler.assemble(id.value(), events.get());
        String text = format == Format.json ? JsonRecord.render(record) : MarkdownRecord.render(record);
        err.println("audit of " + id + " read " + describe(log.recordsRead()));
        if (out == null) {
            stdout.print(text);
            stdout.flush();
            return ExitCodes.PASSED;
        }
        try {
            Files.writeString(out, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("cannot write " + out + ": " + e.getMessage());
            return ExitCodes.CANNOT_START;
        }
        err.println("wrote " + out);
        return ExitCodes.PASSED;
    }

    private static String describe(Map<EventType, Long> read) {
        long total = read.values().stream().mapToLong(Long::longValue).sum();
        return total + " records (" + Stream.of(EventType.values())
                .map(type -> type.channel() + " " + read.getOrDefault(type, 0L)).collect(Collectors.joining(", ")) + ")";
    }
}
