package dev.slipway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When each stage started work on each input event: the "received TYPE ID for release R" lines that
 * every stage logs on accepting an event (events-schema SlipwayMessages), keyed by CloudEvents id.
 */
final class ReceivedLog {
    private static final Pattern LINE = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3}) .*received (\\S+) (\\S+) for release (\\S+)");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    private ReceivedLog() {}

    /** CloudEvents id → when a stage received it, from every *.log in the folder. */
    static Map<String, Instant> read(Path runFolder) {
        Map<String, Instant> received = new HashMap<>();
        try (var logs = Files.list(runFolder)) {
            for (Path log : logs.filter(p -> p.toString().endsWith(".log")).toList()) {
                for (String line : Files.readAllLines(log)) {
                    Matcher m = LINE.matcher(line);
                    if (m.find()) {
                        Instant at = LocalDateTime.parse(m.group(1), TIME).atZone(ZoneId.systemDefault()).toInstant();
                        received.putIfAbsent(m.group(3), at);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the service logs in " + runFolder, e);
        }
        return received;
    }
}
