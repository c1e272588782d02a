package dev.slipway.cli.kafka;

import dev.slipway.events.EventCodec;
import dev.slipway.events.EventIds;
import dev.slipway.events.EventType;
import dev.slipway.events.Topics;
import dev.slipway.events.names.ReleaseId;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes events of the contract with the CloudEvents SDK's Kafka binding in binary mode: the same
 * {@code ce_*} headers the Quarkus stages write, record key and subject the release id.
 */
public final class EventPublisher implements AutoCloseable {
    /** The CloudEvents {@code source} of everything the CLI publishes. */
    public static final URI SOURCE = URI.create("/slipway/cli");
    /**
     * SmallRye writes the data content type both as {@code content-type} and as {@code ce_datacontenttype};
     * the SDK writes only the first, so the CLI adds the second for identical headers.
     */
    static final String DATA_CONTENT_TYPE_HEADER = "ce_datacontenttype";

    private final KafkaClients clients;
    private final Topics topics;
    private final Clock clock;
    private KafkaProducer<String, byte[]> producer;

    public EventPublisher(KafkaClients clients, Topics topics, Clock clock) {
        this.clients = clients;
        this.topics = topics;
        this.clock = clock;
    }

    /** The record carrying {@code event}: validated JSON data, CloudEvents headers, key = release id. */
    public ProducerRecord<String, byte[]> record(Object event, ReleaseId releaseId) {
        EventType type = EventType.of(event.getClass());
        byte[] data = EventCodec.instance().encode(event).getBytes(StandardCharsets.UTF_8);
        CloudEvent cloudEvent = CloudEventBuilder.v1()
                .withId(EventIds.of(event))
                .withType(type.type())
                .withSource(SOURCE)
                .withSubject(releaseId.value())
                .withDataContentType(EventType.DATA_CONTENT_TYPE)
                .withDataSchema(type.dataSchema())
                .withTime(OffsetDateTime.now(clock))
                .withData(data)
                .build();
        ProducerRecord<String, byte[]> record = KafkaMessageFactory
                .<String>createWriter(topics.name(type), releaseId.value())
                .writeBinary(cloudEvent);
        record.headers().add(DATA_CONTENT_TYPE_HEADER, EventType.DATA_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /** Sends {@code event} and returns once the broker has stored it; throws when it cannot. */
    public RecordMetadata publish(Object event, ReleaseId releaseId) {
        ProducerRecord<String, byte[]> record = record(event, releaseId);
        try {
            return producer().send(record).get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            clients.refusal(e.getCause()).ifPresent(refused -> {
                throw refused;
            });
            throw new BrokerUnreachableException(clients.bootstrapServers(),
                    "could not write to topic " + record.topic() + ": " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new BrokerUnreachableException(clients.bootstrapServers(),
                    "topic " + record.topic() + " did not confirm the record within 20 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing to " + record.topic(), e);
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = clients.producer();
        }
        return producer;
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }
}
