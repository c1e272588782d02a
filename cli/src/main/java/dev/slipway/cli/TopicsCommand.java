package dev.slipway.cli;

import dev.slipway.cli.kafka.BrokerUnreachableException;
import dev.slipway.cli.kafka.KafkaClients;
import dev.slipway.cli.kafka.KafkaRefusedException;
import dev.slipway.kafka.security.KafkaSettingsException;
import dev.slipway.cli.plan.InvalidPlanException;
import dev.slipway.events.names.InvalidNameException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command on the pipeline's topics (release, watch, audit, history): the Kafka options, {@code --help}, and the one
 * way a command ends when nothing could be done: an invalid name or plan, a security option that cannot be used, a
 * broker that does not answer, or one that refuses (TLS handshake, credentials, ACLs) is said in one line on the
 * standard error and exits {@link ExitCodes#CANNOT_START}.
 */
abstract class TopicsCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(spec.commandLine().getOut(), err);
        } catch (InvalidPlanException | InvalidNameException | BrokerUnreachableException | KafkaRefusedException
                | KafkaSettingsException e) {
            err.println(e.getMessage());
            return ExitCodes.CANNOT_START;
        } catch (KafkaException e) {
            // a refusal met while reading or writing (an ACL that does not allow a topic): said as one line too
            KafkaRefusedException refused = clients().refusal(e).orElseThrow(() -> e);
            err.println(refused.getMessage());
            return ExitCodes.CANNOT_START;
        }
    }

    /** What the command does; validate its arguments before {@link #reachableClients()}, so a bad name costs no wait. */
    protected abstract int run(PrintWriter out, PrintWriter err);

    /** The Kafka clients, once a broker of {@code --bootstrap-servers} answered ({@link BrokerUnreachableException} otherwise). */
    protected KafkaClients reachableClients() {
        KafkaClients clients = clients();
        clients.requireReachable(KafkaClients.REACH_TIMEOUT);
        return clients;
    }

    private KafkaClients clients;

    /** The clients of the Kafka options, made once (the security options' files are read once). */
    private KafkaClients clients() {
        if (clients == null) {
            clients = kafka.clients();
        }
        return clients;
    }
}
