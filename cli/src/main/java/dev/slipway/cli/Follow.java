package dev.slipway.cli;

import dev.slipway.cli.kafka.KafkaClients;
import dev.slipway.cli.watch.ConsoleProgress;
import dev.slipway.cli.watch.ReleaseNotFoundException;
import dev.slipway.cli.watch.ReleaseWatcher;
import dev.slipway.record.StageTimings;
import dev.slipway.cli.watch.VerdictTable;
import dev.slipway.events.Topics;
import dev.slipway.events.Verdict;
import dev.slipway.events.Verified;
import dev.slipway.events.names.ReleaseId;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** Follows a release to its verdict on the console: live stage lines, then the verdict table and timings. */
final class Follow {
    private Follow() {}

    /** The exit code: PASSED, FAILED, TIMED_OUT when no verdict came in time, NOT_FOUND when the release was never requested. */
    static int release(KafkaClients clients, Topics topics, Clock clock, ReleaseId id, Duration timeout,
            PrintWriter out, PrintWriter err) {
        ConsoleProgress progress = new ConsoleProgress(out, err);
        Optional<Verified> verified;
        try {
            verified = new ReleaseWatcher(clients, topics, clock).watch(id, timeout, progress);
        } catch (ReleaseNotFoundException e) {
            err.println(e.getMessage());
            return ExitCodes.NOT_FOUND;
        }
        if (verified.isEmpty()) {
            err.println("no verdict for release " + id + " within " + describe(timeout) + " ("
                    + progress.events().size() + " events seen). The stages may still be working or stopped: "
                    + "watch again with a longer --timeout, or check that the four services are running.");
            return ExitCodes.TIMED_OUT;
        }
        out.println();
        out.print(VerdictTable.render(verified.get()));
        StageTimings.render(progress.events()).ifPresent(timings -> {
            out.println();
            out.print(timings);
        });
        out.flush();
        return verified.get().verdict() == Verdict.PASSED ? ExitCodes.PASSED : ExitCodes.FAILED;
    }

    static String describe(Duration duration) {
        return duration.toString().substring(2).toLowerCase();
    }
}
