package dev.slipway.distributor.docker;

import dev.slipway.distributor.decision.DistributionErrors;
import dev.slipway.distributor.docker.EngineImageInspect.InspectedImage;
import dev.slipway.distributor.transport.ImageSource;
import dev.slipway.distributor.transport.TransportException;
import dev.slipway.events.BuiltImage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The build engine as the source of images: {@code save} of the image's reference, checked against its id
 * first. Both calls go through {@link EngineHttp} (an inspect, then the archive streamed).
 */
public final class DockerImageSource implements ImageSource, AutoCloseable {
    private final URI engine;
    private final EngineHttp http;

    public DockerImageSource(URI engine) {
        this.engine = engine;
        this.http = new EngineHttp(engine);
    }

    @Override
    public String address() {
        return engine.toString();
    }

    @Override
    public InputStream open(BuiltImage image) {
        Optional<InspectedImage> found;
        try {
            found = EngineImageInspect.inspect(http, image.ref().value());
        } catch (EngineUnreachableException e) {
            throw new TransportException(DistributionErrors.sourceFailed(image.ref(), address(),
                    "cannot reach the engine (" + e.getMessage() + "); check slipway.distributor.source-engine"), e);
        } catch (IOException | RuntimeException e) {
            throw new TransportException(DistributionErrors.sourceFailed(image.ref(), address(),
                    "cannot reach the engine (" + EngineFailures.describe(e) + "); check slipway.distributor.source-engine"), e);
        }
        if (found.isEmpty()) {
            throw new TransportException(DistributionErrors.sourceFailed(image.ref(), address(),
                    "the engine does not hold it; build the release again"));
        }
        if (!image.id().value().equals(found.get().id())) {
            throw new TransportException(DistributionErrors.sourceFailed(image.ref(), address(),
                    "it now names " + found.get().id() + ", not the built " + image.id()
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
        Optional<InspectedImage> found;
        try {
            found = EngineImageInspect.inspect(http, image.id().value());
        } catch (IOException | RuntimeException e) {
            throw new TransportException(DistributionErrors.sourceFailed(image.ref(), address(),
                    "listing its layers failed (" + EngineFailures.describe(e) + ")"), e);
        }
        return found.orElseThrow(() -> new TransportException(DistributionErrors.sourceFailed(image.ref(), address(),
                "listing its layers failed (the engine does not hold " + image.id() + "; build the release again)")))
                .layers();
    }

    @Override
    public void close() {
        // one connection per call: nothing is kept open
    }
}
