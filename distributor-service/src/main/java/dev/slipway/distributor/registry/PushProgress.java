package dev.slipway.distributor.registry;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the engine's push progress said, item by item: which layers it pushed ({@code Pushed}), which the
 * registry already had ({@code Layer already exists}, {@code Mounted from ...}), the manifest digest it
 * ended with and any error. Layers are named by the engine's progress ids: the first 12 hex digits of their
 * diff id.
 */
final class PushProgress {
    private final Set<String> pushed = new LinkedHashSet<>();
    private final Set<String> existing = new LinkedHashSet<>();
    private final List<String> errors = new ArrayList<>();
    private String digest;

    void record(String id, String status, String error, String auxDigest) {
        if (error != null && !error.isBlank()) {
            errors.add(error.strip());
        }
        if (auxDigest != null && !auxDigest.isBlank()) {
            digest = auxDigest;
        }
        if (id == null || status == null) {
            return;
        }
        if (status.equals("Pushed")) {
            pushed.add(id);
            existing.remove(id);
        } else if (status.equals("Layer already exists") || status.startsWith("Mounted from")) {
            if (!pushed.contains(id)) {
                existing.add(id);
            }
        }
    }

    Set<String> pushed() {
        return Set.copyOf(pushed);
    }

    Set<String> existing() {
        return Set.copyOf(existing);
    }

    Optional<String> error() {
        return errors.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", errors));
    }

    Optional<String> digest() {
        return Optional.ofNullable(digest);
    }

    /** The progress id the engine gives a layer: its diff id's first 12 hex digits. */
    static String progressId(String diffId) {
        String hex = diffId.startsWith("sha256:") ? diffId.substring("sha256:".length()) : diffId;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
}
