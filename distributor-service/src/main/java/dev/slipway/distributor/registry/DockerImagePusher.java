package dev.slipway.distributor.registry;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PushResponseItem;
import dev.slipway.docker.DockerEngines;
import dev.slipway.events.BuiltImage;
import dev.slipway.events.names.ImageRef;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Pushes from the build engine with docker-java: checks the engine holds the built reference at the built id,
 * tags the id as the registry reference, {@code push}es it with the registry credentials (sent to the engine
 * only, in the request's auth header) reading the progress for errors, then removes the registry tag again.
 */
public final class DockerImagePusher implements ImagePusher, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DockerImagePusher.class);

    private final DockerClient engine;
    private final String address;

    /** Pushes from the engine at {@code engine} (e.g. {@code unix:///var/run/docker.sock}) through a client it owns. */
    public DockerImagePusher(URI engine) {
        this(DockerEngines.connect(engine.toString()), engine.toString());
    }

    public DockerImagePusher(DockerClient engine, String address) {
        this.engine = engine;
        this.address = address;
    }

    @Override
    public void close() throws IOException {
        engine.close();
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public Pushed push(BuiltImage image, ImageRef target, RegistryCredentials credentials) {
        List<String> diffIds = held(image);
        try {
            engine.tagImageCmd(image.id().value(), target.repository().value(), target.tag().value()).exec();
        } catch (RuntimeException e) {
            throw new RegistryException("the build engine " + address + " could not tag " + image.id() + " as " + target + " ("
                    + describe(e) + ")", e);
        }
        try {
            PushProgress progress = new PushProgress();
            AuthConfig auth = new AuthConfig().withRegistryAddress(target.repository().value().split("/", 2)[0]);
            if (credentials.present()) {
                auth.withUsername(credentials.username()).withPassword(credentials.password());
            }
            engine.pushImageCmd(target.repository().value()).withTag(target.tag().value()).withAuthConfig(auth)
                    .exec(new ResultCallback.Adapter<PushResponseItem>() {
                        @Override
                        public void onNext(PushResponseItem item) {
                            String error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                                    ? item.getErrorDetail().getMessage() : item.getError();
                            progress.record(item.getId(), item.getStatus(), error,
                                    item.getAux() == null ? null : item.getAux().getDigest());
                        }
                    })
                    .awaitCompletion();
            if (progress.error().isPresent()) {
                throw new RegistryException("the build engine " + address + " failed to push " + target + ": " + progress.error().get());
            }
            LOG.debugf("pushed %s: layers sent %s, already there %s", target, progress.pushed(), progress.existing());
            return new Pushed(diffIds, progress.pushed());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while pushing " + target + " (the service is stopping)", e);
        } catch (RegistryException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RegistryException("the build engine " + address + " failed to push " + target + " (" + describe(e) + ")", e);
        } finally {
            untag(target);
        }
    }

    /** The image's diff ids, after checking the engine holds the built reference at the built id. */
    private List<String> held(BuiltImage image) {
        InspectImageResponse found;
        try {
            found = engine.inspectImageCmd(image.ref().value()).exec();
        } catch (NotFoundException e) {
            throw new RegistryException("the build engine " + address + " does not hold " + image.ref() + "; build the release again", e);
        } catch (RuntimeException e) {
            throw new RegistryException("cannot reach the build engine " + address + " (" + describe(e)
                    + "); check slipway.distributor.source-engine", e);
        }
        if (!image.id().value().equals(found.getId())) {
            throw new RegistryException("the build engine's " + image.ref() + " now names " + found.getId() + ", not the built "
                    + image.id() + " (a later build took the tag); release again");
        }
        return found.getRootFS() == null || found.getRootFS().getLayers() == null ? List.of() : found.getRootFS().getLayers();
    }

    private void untag(ImageRef target) {
        try {
            engine.removeImageCmd(target.value()).withNoPrune(true).exec();
        } catch (NotFoundException gone) {
            // never tagged or already removed
        } catch (RuntimeException e) {
            LOG.warnf("could not remove the tag %s from the build engine %s: %s", target, address, describe(e));
        }
    }

    static String describe(Throwable failure) {
        if (failure instanceof DockerException docker) {
            String message = docker.getMessage() == null ? "no message" : docker.getMessage().strip();
            return "the engine answered " + docker.getHttpStatus() + ": " + message;
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        String kind = root.getClass().getSimpleName();
        return message == null || message.isBlank() ? kind : kind + ": " + message.strip();
    }
}
