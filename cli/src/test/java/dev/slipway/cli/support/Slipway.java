package dev.slipway.cli.support;

import dev.slipway.cli.SlipwayCli;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the slipway command in this JVM and keeps what it printed. */
public final class Slipway {
    public record Run(int exitCode, String out, String err) {}

    private Slipway() {}

    public static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SlipwayCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }
}
