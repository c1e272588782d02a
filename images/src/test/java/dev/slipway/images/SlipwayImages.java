package dev.slipway.images;

import com.github.dockerjava.api.exception.NotFoundException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;

/** The names of the images scripts/images.sh builds, as the tests use them (built before the tests run). */
final class SlipwayImages {

    /** The project's version, passed by surefire from the POM. */
    static final String VERSION = required("slipway.images.version");

    static final String KAFKA_IMAGE = "slipway/kafka:" + required("slipway.images.kafka-version");

    private SlipwayImages() {
    }

    /** slipway/kafka as a stand-in for apache/kafka, which Testcontainers' Kafka module accepts. */
    static DockerImageName kafka() {
        return DockerImageName.parse(present(KAFKA_IMAGE)).asCompatibleSubstituteFor("apache/kafka");
    }

    /** slipway/&lt;module&gt;:&lt;version&gt;. */
    static DockerImageName service(String module) {
        return DockerImageName.parse(present("slipway/" + module + ":" + VERSION));
    }

    /**
     * The image's name once the engine is known to hold it: Testcontainers would otherwise try to pull it from Docker
     * Hub and fail with a message that does not say how to build it.
     */
    private static String present(String image) {
        try {
            DockerClientFactory.instance().client().inspectImageCmd(image).exec();
            return image;
        } catch (NotFoundException e) {
            throw new IllegalStateException(image + " is not in the Docker engine at "
                    + DockerClientFactory.instance().getTransportConfig().getDockerHost()
                    + "; build it first: scripts/images.sh build (or scripts/images.sh kafka for slipway/kafka)", e);
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set; run the tests with Maven "
                    + "(./mvnw test -pl images -am), which sets it from the POM");
        }
        return value;
    }
}
