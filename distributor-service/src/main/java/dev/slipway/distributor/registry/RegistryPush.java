package dev.slipway.distributor.registry;

import dev.slipway.distributor.transport.RegistryDestination;
import dev.slipway.events.BuiltImage;
import dev.slipway.events.RegistryOutcome;
import dev.slipway.events.RegistryResult;
import dev.slipway.events.names.ImageRef;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.ServiceName;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Puts one built image in the registry, in named steps: ask the registry whether the tag already names the
 * image (its manifest's config digest is the image id) → ALREADY_PRESENT, nothing sent; else push from the
 * build engine, which sends only the layers the registry lacks; then read the manifest back and check it is
 * the image → PUSHED with the bytes of the layers sent. Any failure is a FAILED result whose error names the
 * service, the image and the registry; this never throws for a failed push.
 */
public final class RegistryPush implements RegistryDestination {
    private static final Logger LOG = Logger.getLogger(RegistryPush.class);

    private final RegistrySettings settings;
    private final ImageRegistry registry;
    private final ImagePusher engine;
    private final Clock clock;

    public RegistryPush(RegistrySettings settings, ImageRegistry registry, ImagePusher engine, Clock clock) {
        this.settings = settings;
        this.registry = registry;
        this.engine = engine;
        this.clock = clock;
    }

    /** Pushes from the build engine at {@code buildEngine} (its own client, closed by {@link #close()}) to the registry of {@code settings}. */
    public static RegistryPush from(URI buildEngine, RegistrySettings settings, Clock clock) {
        return new RegistryPush(settings, new RegistryHttpApi(settings), new DockerImagePusher(buildEngine), clock);
    }

    /** The registry this pushes to, e.g. {@code 127.0.0.1:5000}. */
    @Override
    public String address() {
        return settings.address().hostPort();
    }

    @Override
    public RegistryResult push(ReleaseId release, ServiceName service, BuiltImage image) {
        long started = clock.millis();
        ImageRef target = RegistryRefs.of(settings.address(), image.ref());
        String repository = RegistryRefs.path(image.ref());
        try {
            Optional<RegistryManifest> held = registry.manifest(repository, target.tag()).filter(m -> m.isImage(image.id().value()));
            if (held.isPresent()) {
                LOG.infof("release %s service %s: the registry %s already holds %s as %s (%s); nothing sent", release, service,
                        settings.address(), image.id(), target, held.get().digest());
                return result(target, held.get().digest(), RegistryOutcome.ALREADY_PRESENT, 0, started, null);
            }
            ImagePusher.Pushed pushed = engine.push(image, target, settings.credentials());
            RegistryManifest manifest = registry.manifest(repository, target.tag()).orElseThrow(() -> new RegistryException(
                    "the push finished but the registry " + settings.address() + " does not hold " + target));
            if (!manifest.isImage(image.id().value())) {
                throw new RegistryException("after the push the registry " + settings.address() + " names "
                        + (manifest.configDigest() == null ? "a manifest list" : "config " + manifest.configDigest()) + " as " + target
                        + ", not the image " + image.id() + " (another push took the tag?); release again");
            }
            long bytes = PushedBytes.of(manifest, pushed.diffIds(), pushed.pushedLayers());
            LOG.infof("release %s service %s: pushed %s to %s as %s (%s): %d of %d layers sent, %d bytes", release, service,
                    image.ref(), settings.address(), target, manifest.digest(), pushed.pushedLayers().size(),
                    manifest.layers().size(), bytes);
            return result(target, manifest.digest(), RegistryOutcome.PUSHED, bytes, started, null);
        } catch (RegistryException e) {
            String error = "service " + service + ": pushing " + image.ref() + " to the registry " + settings.address() + " as " + target
                    + " failed: " + e.getMessage();
            LOG.warnf("release %s: %s", release, error);
            return result(target, null, RegistryOutcome.FAILED, 0, started, error);
        }
    }

    private RegistryResult result(ImageRef target, String digest, RegistryOutcome outcome, long bytes, long started, String error) {
        return new RegistryResult(settings.address().hostPort(), target, digest, outcome, bytes,
                Math.max(0, clock.millis() - started), error);
    }

    /** Closes the engine client when this push owns one. */
    @Override
    public void close() {
        if (engine instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warnf("closing the build engine client %s failed: %s", engine.address(), e.getMessage());
            }
        }
    }
}
