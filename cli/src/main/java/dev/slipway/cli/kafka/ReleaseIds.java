package dev.slipway.cli.kafka;

import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.ReleaseName;
import dev.slipway.events.names.Version;
import java.util.HexFormat;
import java.util.Locale;
import java.util.random.RandomGenerator;

/** Release ids: {@code <release>-<version>-<8 random hex digits>}, lowercased, e.g. {@code shop-2.1.0-5f3a9c1e}. */
public final class ReleaseIds {
    private ReleaseIds() {}

    public static ReleaseId next(ReleaseName release, Version version, RandomGenerator random) {
        String suffix = HexFormat.of().toHexDigits(random.nextInt());
        return ReleaseId.of((release.value() + "-" + version.value() + "-" + suffix).toLowerCase(Locale.ROOT));
    }
}
