package dev.slipway.verifier.state;

import dev.slipway.verifier.config.VerifierConfig;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Opens the verifier's {@link ProgressStore} on Kafka with the application's Kafka client settings, at
 * startup, so the state is rebuilt (or a broker problem is reported) before the first RolloutDone.
 */
public class ProgressStoreProducer {
    @Produces
    @Singleton
    @Startup
    ProgressStore store(@Identifier("default-kafka-broker") Map<String, Object> kafka, VerifierConfig config) {
        return KafkaProgressStore.open(kafka, config.stateTopic());
    }

    void close(@Disposes ProgressStore store) {
        if (store instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the verifier state store failed", e);
            }
        }
    }
}
