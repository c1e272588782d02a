package dev.slipway.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.SSLConfig;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;

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
        boolean tcp = "tcp".equals(address.getScheme());
        return connect(address, tcp ? DockerTls.fromEnvironment() : Optional.empty());
    }

    /**
     * A client on {@code address}, over TLS with {@code tls} when present. docker-java's own TLS is kept off
     * ({@code withDockerTlsVerify(false)}, whatever the environment says): its reader of the certificate folder needs
     * Bouncy Castle, which is not on the class path (even creating it fails); {@link DockerTls} reads the folder.
     */
    static DockerClient connect(URI address, Optional<SSLContext> tls) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(address.toString())
                .withDockerTlsVerify(false)
                .build();
        ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(tls.<SSLConfig>map(context -> () -> context).orElse(null))
                .connectionTimeout(Duration.ofSeconds(10))
                .responseTimeout(Duration.ofMinutes(30))
                .maxConnections(32)
                .build();
        return DockerClientImpl.getInstance(config, http);
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
