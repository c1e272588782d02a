package dev.slipway.cli.local;

import dev.slipway.broker.KafkaBroker;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;

/** A Kafka broker the pipeline uses but did not start ({@code slipway local --bootstrap-servers}): it is left running. */
final class ExternalKafkaBroker implements KafkaBroker {
    private static final int ANSWER_TIMEOUT_SECONDS = 10;

    private final BootstrapServers address;

    private ExternalKafkaBroker(BootstrapServers address) {
        this.address = address;
    }

    /** The broker at {@code address}, once it answers (a {@link LocalPipelineException} naming the address otherwise). */
    static ExternalKafkaBroker reach(BootstrapServers address) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", address.value(), "request.timeout.ms", 5000,
                "default.api.timeout.ms", ANSWER_TIMEOUT_SECONDS * 1000))) {
            admin.describeCluster().nodes().get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new LocalPipelineException("cannot reach the Kafka broker at " + address + " within "
                    + ANSWER_TIMEOUT_SECONDS + " s (--bootstrap-servers): is it running and is the address right?", e);
        } catch (KafkaException e) {
            throw new LocalPipelineException("cannot reach the Kafka broker at " + address + " (--bootstrap-servers): "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalPipelineException("interrupted while reaching the Kafka broker at " + address, e);
        }
        return new ExternalKafkaBroker(address);
    }

    @Override
    public String bootstrapServers() {
        return address.value();
    }

    /** Does nothing: the broker is not this pipeline's to stop. */
    @Override
    public void close() {
    }
}
