package dev.slipway.distributor.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.slipway.distributor.decision.DistributionErrors;
import dev.slipway.distributor.transport.ImageSource;
import dev.slipway.distributor.transport.TransportException;
import dev.slipway.docker.DockerEngines;
import dev.slipway.events.BuiltImage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;

/**
 * The build engine as the source of images: {@code save} of the image's reference, checked against its id.
 * The check goes through docker-java; the archive streams through {@link EngineHttp}.
 */
public final class DockerImageSource implements ImageSource, AutoCloseable {
    private final URI engine;
    private final DockerClient client;
    private final EngineHttp http;

    public DockerImageSource(URI engine) {
        this.engine = engine;
        this.client = DockerEngines.connect(engine.toString());
        this.http = new EngineHttp(engine);
    }

    @Override
    public String address() {
        return engine.toString();
    }

    @Override
    public InputStream open(BuiltImage image) {
        InspectImageResponse found;
        try {
            found = client.inspectImageCmd(image.ref().value()).exec();
        } catch (NotFoundException e) {
            throw new TransportException(DistributionErrors.sourceFailed(image.ref(), address(),
                    "the engine does not hold it; build the release again"), e);
        } catch (RuntimeException e) {
            throw new TransportException(DistributionErrors.sourceFailed(image.ref(), address(),
                    "cannot reach the engine (" + EngineFailures.describe(e) + "); check slipway.distributor.source-engine"), e);
        }
        if (!image.id().value().equals(found.getId())) {
            throw new TransportException(DistributionErrors.sourceFailed(image.ref(), address(),
                    "it now names " + found.getId() + ", not the built " + image.id()
                            + " (a later build took the tag); release again"));
        }
        try {
            return EngineImageSave.open(http, image.ref());
        } catch (EngineUnreachableException e) {
            throw new TransportException(DistributionErrors.sourceFailed(image.ref(), address(),
                    "cannot reach the engine (" + e.getMessage() + "); check slipway.distributor.source-engine"), e);
        } catch (IOException | RuntimeException e) {
            throw new TransportException(DistributionErrors.sourceFailed(image.ref(), address(), EngineFailures.describe(e)), e);
        }
    }

    /** The image's RootFS diff ids, from an inspect of its id (nothing of the image is read). */
    @Override
    public List<String> layerDigests(BuiltImage image) {
        try {
            InspectImageResponse found = client.inspectImageCmd(image.id().value()).exec();
            return found.getRootFS() == null || found.getRootFS().getLayers() == null ? List.of()
                    : List.copyOf(found.getRootFS().getLayers());
        } catch (RuntimeException e) {
            throw new TransportException(DistributionErrors.sourceFailed(image.ref(), address(),
                    "listing its layers failed (" + EngineFailures.describe(e) + ")"), e);
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
