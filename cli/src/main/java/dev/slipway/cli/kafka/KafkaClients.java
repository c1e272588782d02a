package dev.slipway.cli.kafka;

import dev.slipway.kafka.security.ClientSecurity;
import dev.slipway.kafka.security.KafkaRefusal;
import dev.slipway.kafka.security.KafkaSecuritySettings;
import dev.slipway.kafka.security.KafkaSetting;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka clients the CLI uses, all on one bootstrap address with one {@link ClientSecurity} (TLS, SASL), the check
 * that a broker answers there, and what a refusal means ({@link #refusal}).
 */
public final class KafkaClients {
    /** How long the CLI waits for a broker to answer before it says it cannot reach it. */
    public static final Duration REACH_TIMEOUT = Duration.ofSeconds(5);

    private final String bootstrapServers;
    private final ClientSecurity security;

    /** Clients of a PLAINTEXT listener (the local default's broker, tests). */
    public KafkaClients(String bootstrapServers) {
        this(bootstrapServers, ClientSecurity.of(KafkaSecuritySettings.none(), KafkaSetting.Naming.CLI));
    }

    public KafkaClients(String bootstrapServers, ClientSecurity security) {
        this.bootstrapServers = bootstrapServers;
        this.security = security;
    }

    public ClientSecurity security() {
        return security;
    }

    /** {@code failure} as the one line saying what to check, when it is a broker's refusal (TLS, credentials, ACLs). */
    public Optional<KafkaRefusedException> refusal(Throwable failure) {
        return KafkaRefusal.explain(failure, bootstrapServers, security, KafkaSetting.Naming.CLI)
                .map(message -> new KafkaRefusedException(message, failure));
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Asks the cluster to describe itself; throws {@link BrokerUnreachableException} when no broker answers in time. */
    public void requireReachable(Duration timeout) {
        Properties props = base();
        int millis = (int) timeout.toMillis();
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster().nodes().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw unreachable(timeout);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            refusal(cause).ifPresent(refused -> {
                throw refused;
            });
            throw cause instanceof org.apache.kafka.common.errors.TimeoutException
                    ? unreachable(timeout)
                    : new BrokerUnreachableException(bootstrapServers, String.valueOf(cause.getMessage()));
        } catch (KafkaException e) {
            refusal(e).ifPresent(refused -> {
                throw refused;
            });
            throw new BrokerUnreachableException(bootstrapServers, rootMessage(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnreachableException(bootstrapServers, "interrupted while waiting for an answer");
        }
    }

    public Admin admin() {
        return Admin.create(base());
    }

    public KafkaProducer<String, byte[]> producer() {
        Properties props = base();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0); // one event at a time: no batching wait
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * A consumer without a group: it is assigned partitions explicitly and commits nothing. The broker answers its
     * fetches after at most 50 ms even when nothing new is there (Kafka's default waits 500 ms): the commands read one
     * partition after another, and a fetch left waiting at the end of one delays the first read of the next.
     */
    public KafkaConsumer<String, byte[]> readOnlyConsumer() {
        Properties props = base();
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private Properties base() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "slipway-cli");
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        props.putAll(security.clientProperties());
        return props;
    }

    private BrokerUnreachableException unreachable(Duration timeout) {
        return new BrokerUnreachableException(bootstrapServers, "no broker answered within " + timeout.toSeconds() + " s"
                + (security.protocol().equals("PLAINTEXT") ? "" : " over " + security.protocol()));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
