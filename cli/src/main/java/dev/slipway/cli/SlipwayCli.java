package dev.slipway.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "slipway", mixinStandardHelpOptions = true, version = "slipway 0.1.0",
        description = "Releases a multi-service monorepo through the Slipway pipeline and shows the verdict.",
        subcommands = {ReleaseCommand.class, WatchCommand.class, LocalCommand.class, AuditCommand.class,
                HistoryCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:PASSED (or done)", "1:FAILED: the diagnosis was printed",
                "2:nothing done: bad arguments, invalid plan, unreachable broker or engine",
                "3:no verdict within --timeout", "4:watch, audit: no such release on the topics"})
public final class SlipwayCli implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command with the given output streams and returns its exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new SlipwayCli()).setOut(out).setErr(err);
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.CANNOT_START;
    }
}
