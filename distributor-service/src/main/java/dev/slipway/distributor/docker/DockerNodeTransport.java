package dev.slipway.distributor.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.slipway.distributor.decision.DistributionErrors;
import dev.slipway.distributor.transport.NodeTransport;
import dev.slipway.distributor.transport.TransportException;
import dev.slipway.docker.DockerEngines;
import dev.slipway.events.BuiltImage;
import dev.slipway.events.names.ImageId;
import dev.slipway.events.names.NodeName;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

/**
 * The {@code docker} transport: the node is a Docker engine; images go in with {@code load}. Questions
 * and naming go through docker-java; the archive streams through {@link EngineHttp}.
 */
public final class DockerNodeTransport implements NodeTransport, AutoCloseable {
    public static final String KIND = "docker";

    private final NodeName node;
    private final URI engine;
    private final DockerClient client;
    private final EngineHttp http;

    public DockerNodeTransport(NodeName node, URI engine) {
        this.node = node;
        this.engine = engine;
        this.client = DockerEngines.connect(engine.toString());
        this.http = new EngineHttp(engine);
    }

    @Override
    public NodeName node() {
        return node;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String address() {
        return engine.toString();
    }

    @Override
    public boolean holds(ImageId id) {
        try {
            return inspect(id.value()).map(found -> id.value().equals(found.getId())).orElse(false);
        } catch (RuntimeException e) {
            throw new TransportException(DistributionErrors.unreachable(node, KIND, address(), EngineFailures.describe(e),
                    "slipway.nodes." + node + ".engine"), e);
        }
    }

    @Override
    public void receive(BuiltImage image, InputStream archive) {
        try {
            EngineImageLoad.load(http, archive);
        } catch (IOException | RuntimeException e) {
            throw new TransportException(DistributionErrors.importFailed(node, address(), image.ref(), EngineFailures.describe(e)), e);
        }
    }

    @Override
    public void name(BuiltImage image) {
        try {
            boolean named = inspect(image.ref().value()).map(found -> image.id().value().equals(found.getId())).orElse(false);
            if (!named) {
                client.tagImageCmd(image.id().value(), image.ref().repository().value(), image.ref().tag().value())
                        .withForce(true)
                        .exec();
            }
        } catch (RuntimeException e) {
            throw new TransportException("node " + node + " (" + address() + "): naming " + image.id() + " as "
                    + image.ref() + " failed: " + EngineFailures.describe(e), e);
        }
    }

    private Optional<InspectImageResponse> inspect(String nameOrId) {
        try {
            return Optional.of(client.inspectImageCmd(nameOrId).exec());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
