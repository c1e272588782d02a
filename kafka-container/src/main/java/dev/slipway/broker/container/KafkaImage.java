package dev.slipway.broker.container;

import java.util.Map;
import org.testcontainers.utility.DockerImageName;

/**
 * The Kafka image the tests run: {@value #DEFAULT} (built here by {@code scripts/images.sh kafka}, apache/kafka-compatible)
 * unless {@value #ENV} names another. Declared a compatible substitute for {@code apache/kafka}, so that Testcontainers'
 * {@code KafkaContainer} accepts it.
 */
public final class KafkaImage {
    /** The environment variable that names another image, e.g. {@code registry.example:5000/slipway/kafka:4.1.2}. */
    public static final String ENV = "SLIPWAY_KAFKA_IMAGE";
    public static final String DEFAULT = "slipway/kafka:4.1.2";

    private KafkaImage() {}

    /** The image {@code environment} names under {@value #ENV}, else {@value #DEFAULT}. */
    public static DockerImageName from(Map<String, String> environment) {
        String name = environment.getOrDefault(ENV, "").isBlank() ? DEFAULT : environment.get(ENV).trim();
        try {
            DockerImageName image = DockerImageName.parse(name);
            image.assertValid();
            return image.asCompatibleSubstituteFor("apache/kafka");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ENV + " '" + name + "' is not an image name such as " + DEFAULT + ": "
                    + e.getMessage(), e);
        }
    }
}
