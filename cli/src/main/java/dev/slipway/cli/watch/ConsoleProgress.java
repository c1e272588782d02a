package dev.slipway.cli.watch;

import dev.slipway.record.ReleaseEvent;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Prints each event of the release as it arrives, warns about records that are not events, and keeps the events. */
public final class ConsoleProgress implements ReleaseWatcher.Listener {
    private final PrintWriter out;
    private final PrintWriter err;
    private final List<ReleaseEvent> events = new ArrayList<>();

    public ConsoleProgress(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void onEvent(ReleaseEvent event) {
        events.add(event);
        out.println(ProgressLine.of(event));
        out.flush();
    }

    @Override
    public void onWarning(String warning) {
        err.println(warning);
        err.flush();
    }

    public List<ReleaseEvent> events() {
        return List.copyOf(events);
    }
}
