package dev.slipway.distributor;

import dev.slipway.distributor.config.ConfiguredNode;
import dev.slipway.distributor.config.DistributorConfig;
import dev.slipway.distributor.config.NodeSettings;
import dev.slipway.distributor.config.RegistryConfig;
import dev.slipway.distributor.docker.DockerImageSource;
import dev.slipway.distributor.docker.DockerNodeTransport;
import dev.slipway.distributor.registry.RegistryPush;
import dev.slipway.distributor.registry.RegistrySettings;
import dev.slipway.distributor.ssh.SshContainerdNodes;
import dev.slipway.distributor.stage.DistributionStage;
import dev.slipway.distributor.stream.StreamFanOut;
import dev.slipway.distributor.transport.NodeTransport;
import dev.slipway.distributor.transport.RegistryDestination;
import dev.slipway.nodes.NodesConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Builds the distribution stage from the configuration at startup, so a missing or invalid node
 * configuration stops the service at once with the key to fix. Each node gets the transport its
 * {@code slipway.nodes.<name>.transport} names: {@code docker} (default) or {@code ssh-containerd}; with
 * {@code slipway.registry.url} every image is also pushed to that registry.
 */
@ApplicationScoped
public class DistributorWiring {
    private static final Logger LOG = Logger.getLogger(DistributorWiring.class);
    /** Size of each read of the image archive from the build engine. */
    static final int CHUNK_BYTES = 64 * 1024;

    /** Created before the messaging channels start, so no record is consumed by a service that cannot work. */
    @Produces
    @Singleton
    @Startup(Interceptor.Priority.PLATFORM_BEFORE)
    DistributionStage stage(NodesConfig nodesConfig, DistributorConfig config, RegistryConfig registryConfig) {
        Optional<RegistrySettings> registrySettings = RegistrySettings.from(registryConfig.url(), registryConfig.username(),
                registryConfig.passwordFile());
        List<NodeTransport> nodes = NodeSettings.nodes(nodesConfig.nodes(), registrySettings.isPresent()).stream()
                .map(DistributorWiring::transport)
                .toList();
        URI buildEngine = NodeSettings.sourceEngine(config.sourceEngine());
        DockerImageSource source = new DockerImageSource(buildEngine);
        Optional<RegistryDestination> registry = registrySettings
                .map(settings -> RegistryPush.from(buildEngine, settings, Clock.systemUTC()));
        ExecutorService workers = Executors.newCachedThreadPool(daemonThreads());
        long buffer = Math.max(CHUNK_BYTES, config.bufferBytesPerNode());
        nodes.forEach(node -> LOG.infof("node %s: %s transport, %s", node.node(), node.kind(), node.address()));
        registry.ifPresent(destination -> LOG.infof("pushing every image to the registry %s", destination.address()));
        LOG.infof("reading images from the build engine %s; %d bytes of buffer per node", source.address(), buffer);
        return new DistributionStage(nodes, registry, source, new StreamFanOut(workers, CHUNK_BYTES, buffer), workers);
    }

    static NodeTransport transport(ConfiguredNode node) {
        if (node instanceof ConfiguredNode.SshContainerd ssh) {
            return SshContainerdNodes.transport(ssh);
        }
        ConfiguredNode.Docker docker = (ConfiguredNode.Docker) node;
        return new DockerNodeTransport(docker.name(), docker.engine());
    }

    void close(@Disposes DistributionStage stage) {
        stage.close();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "slipway-distributor-node-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
