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
 * What the services' logs say about each event, keyed by CloudEvents id: when a stage accepted it (the
 * "received TYPE ID for release R (decoded and validated in N ms)" line every stage logs, events-schema
 * SlipwayMessages; millisecond resolution), how long the decoding took, and the stage-support HopTrace
 * lines ("hop sent|acked|polled ID EPOCH_MICROS") when the bench enables them.
 */
record ReceivedLog(Map<String, Instant> received, Map<String, Double> decodeMillis, Map<String, Instant> sent,
        Map<String, Instant> acked, Map<String, Instant> polled) {
    private static final Pattern RECEIVED = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3}) .*received (\\S+) (\\S+) for release (\\S+)"
                    + "(?: \\(decoded and validated in ([0-9.]+) ms\\))?");
    private static final Pattern HOP = Pattern.compile(" hop (sent|acked|polled) (\\S+) (\\d+)$");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    /** Everything the *.log files in the folder say; the first line for an id wins (a redelivery logs it again). */
    static ReceivedLog read(Path runFolder) {
        ReceivedLog log = new ReceivedLog(new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>(),
                new HashMap<>());
        try (var logs = Files.list(runFolder)) {
            for (Path file : logs.filter(p -> p.toString().endsWith(".log")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    Matcher m = RECEIVED.matcher(line);
                    if (m.find()) {
                        Instant at = LocalDateTime.parse(m.group(1), TIME).atZone(ZoneId.systemDefault()).toInstant();
                        log.received.putIfAbsent(m.group(3), at);
                        if (m.group(5) != null) {
                            log.decodeMillis.putIfAbsent(m.group(3), Double.parseDouble(m.group(5)));
                        }
                        continue;
                    }
                    Matcher hop = HOP.matcher(line);
                    if (hop.find()) {
                        long micros = Long.parseLong(hop.group(3));
                        Instant at = Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1_000);
                        Map<String, Instant> step = switch (hop.group(1)) {
                            case "sent" -> log.sent;
                            case "acked" -> log.acked;
                            default -> log.polled;
                        };
                        step.putIfAbsent(hop.group(2), at);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the service logs in " + runFolder, e);
        }
        return log;
    }
}
