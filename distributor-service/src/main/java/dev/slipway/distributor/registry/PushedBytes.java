package dev.slipway.distributor.registry;

import java.util.List;
import java.util.Set;

/**
 * The bytes a push sent: the compressed size, as the registry's manifest lists it, of every layer the engine
 * reported as pushed (not the ones the registry already had), plus the image config. The manifest's layers
 * are in the order of the image's diff ids, which is how a progress id (a diff id's prefix) finds its blob.
 */
final class PushedBytes {
    private PushedBytes() {}

    static long of(RegistryManifest manifest, List<String> diffIds, Set<String> pushedProgressIds) {
        long bytes = manifest.configSize();
        int layers = Math.min(diffIds.size(), manifest.layers().size());
        for (int i = 0; i < layers; i++) {
            if (pushedProgressIds.contains(PushProgress.progressId(diffIds.get(i)))) {
                bytes += manifest.layers().get(i).size();
            }
        }
        return bytes;
    }
}
