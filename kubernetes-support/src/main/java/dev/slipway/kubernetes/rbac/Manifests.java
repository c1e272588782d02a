package dev.slipway.kubernetes.rbac;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Kubernetes objects from YAML manifests (several documents per file, {@code List} kinds unwrapped). A
 * kustomize {@code Kustomization} (deploy/kustomization.yaml) is kustomize's input, never sent to the API server:
 * it is left out.
 */
public final class Manifests {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Manifests() {}

    public static List<HasMetadata> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<HasMetadata> objects = new ArrayList<>();
            collect(SERIALIZATION.unmarshal(in), objects, file);
            return objects;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read manifest " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean isKustomization(HasMetadata object) {
        return object.getApiVersion() != null && object.getApiVersion().startsWith("kustomize.config.k8s.io/");
    }

    private static void collect(Object parsed, List<HasMetadata> into, Path file) {
        if (parsed == null) {
            return;
        }
        if (parsed instanceof KubernetesList list) {
            list.getItems().forEach(item -> collect(item, into, file));
        } else if (parsed instanceof List<?> documents) {
            documents.forEach(document -> collect(document, into, file));
        } else if (parsed instanceof HasMetadata object) {
            if (!isKustomization(object)) {
                into.add(object);
            }
        } else {
            throw new IllegalArgumentException("manifest " + file + " holds " + parsed.getClass().getSimpleName()
                    + ", not a Kubernetes object");
        }
    }
}
