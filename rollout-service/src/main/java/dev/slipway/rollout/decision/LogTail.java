package dev.slipway.rollout.decision;

import java.util.List;

/**
 * The last lines of a failed container's log as the diagnosis quotes them, or why they could not be
 * had: a diagnosis never waits on a log (the kubelet may be unreachable, the API server answering 500),
 * it says that the log was not read and how to read it by hand.
 */
public record LogTail(List<String> lines, String unreadable) {
    public LogTail {
        lines = List.copyOf(lines);
    }

    public static LogTail of(List<String> lines) {
        return new LogTail(lines, null);
    }

    /** e.g. {@code unreadable("the API server answered 500: ...", "kubectl -n shop logs api-7d9f -c api --previous")}. */
    public static LogTail unreadable(String why, String command) {
        return new LogTail(List.of(), why + "; read it with " + command);
    }

    /** {@code last log lines: "..."}, {@code it wrote no log lines} or {@code its log could not be read (...)}. */
    String text(boolean previousRun) {
        if (unreadable != null) {
            return (previousRun ? "its previous run's log" : "its log") + " could not be read (" + unreadable + ")";
        }
        return (previousRun ? "previous run's " : "") + Diagnoses.logExcerpt(lines);
    }
}
