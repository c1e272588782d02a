package dev.slipway.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.SSLConfig;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.net.URI;
import java.time.Duration;

/**
 * Opens docker-java clients on an engine address such as {@code unix:///var/run/docker.sock} or
 * {@code tcp://10.0.0.4:2375}. The one place that knows how docker-java is wired.
 */
public final class DockerEngines {
    /** The environment variable naming the first test engine (set by scripts/engines.sh). */
    public static final String TEST_ENGINE_ENV = "SLIPWAY_DOCKER_HOST";
    /** The environment variable naming the second test engine (set by scripts/engines.sh start 2). */
    public static final String SECOND_TEST_ENGINE_ENV = "SLIPWAY_DOCKER_HOST_2";

    private DockerEngines() {}

    public static DockerClient connect(String engine) {
        URI address = address(engine);
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(address.toString())
                .build();
        ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(tls(address))
                .connectionTimeout(Duration.ofSeconds(10))
                .responseTimeout(Duration.ofMinutes(30))
                .maxConnections(32)
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    /**
     * TLS for a {@code tcp://} engine when Docker's variables ask for it ({@link DockerTls}), read by Slipway rather
     * than docker-java (whose reader needs Bouncy Castle); none for unix sockets.
     */
    private static SSLConfig tls(URI address) {
        if (!"tcp".equals(address.getScheme())) {
            return null;
        }
        return DockerTls.fromEnvironment().<SSLConfig>map(context -> () -> context).orElse(null);
    }

    /** Validates an engine address: only unix sockets and tcp endpoints are accepted. */
    public static URI address(String engine) {
        if (engine == null || engine.isBlank()) {
            throw new IllegalArgumentException("Docker engine address is empty: expected unix:///path/docker.sock or tcp://host:port");
        }
        URI uri = URI.create(engine.trim());
        boolean unix = "unix".equals(uri.getScheme()) && uri.getPath() != null && !uri.getPath().isEmpty();
        boolean tcp = "tcp".equals(uri.getScheme()) && uri.getHost() != null && uri.getPort() > 0;
        if (!unix && !tcp) {
            throw new IllegalArgumentException("Docker engine address '" + engine
                    + "' is not valid: expected unix:///path/docker.sock or tcp://host:port");
        }
        return uri;
    }

    /**
     * The engine the tests run against, from {@value #TEST_ENGINE_ENV}; fails with what to do when
     * it is not set, so a test needing an engine never passes without one.
     */
    public static String testEngine(String variable) {
        String engine = System.getenv(variable);
        if (engine == null || engine.isBlank()) {
            throw new IllegalStateException(variable + " is not set: these tests need a real dockerd. "
                    + "Run them through scripts/test.sh, or start engines with `scripts/engines.sh start 2` "
                    + "and `eval \"$(scripts/engines.sh env)\"`.");
        }
        return engine;
    }
}
