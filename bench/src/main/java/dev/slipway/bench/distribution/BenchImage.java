package dev.slipway.bench.distribution;

import dev.slipway.events.BuiltImage;
import dev.slipway.events.names.ImageId;
import dev.slipway.events.names.ImageRef;

/** A benchmark image on the build engine as scripts/bench-distribution-images.sh prints it: "ref id size layers". */
record BenchImage(String ref, String id, long size, int layers) {
    static BenchImage parse(String line) {
        String[] parts = line.strip().split(" ");
        if (parts.length != 4) {
            throw new IllegalArgumentException("not 'ref id size layers': " + line);
        }
        return new BenchImage(parts[0], parts[1], Long.parseLong(parts[2]), Integer.parseInt(parts[3]));
    }

    BuiltImage built() {
        return new BuiltImage(ImageRef.parse(ref), ImageId.of(id), size, layers);
    }

    /** The name containerd gives it on import: Docker's normalised form. */
    String containerdName() {
        return "docker.io/" + ref;
    }

    /** The service this image stands for: the last path component of its repository, e.g. a for slipway-bench/a:1. */
    String service() {
        String repository = ref.substring(0, ref.lastIndexOf(':'));
        return repository.substring(repository.lastIndexOf('/') + 1);
    }
}
