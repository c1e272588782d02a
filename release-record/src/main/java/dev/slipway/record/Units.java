package dev.slipway.record;

import java.time.Duration;
import java.util.Locale;

/** Sizes and durations as people read them: {@code 2.1 MB}, {@code 0.6 s}. */
public final class Units {
    private Units() {}

    public static String bytes(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    public static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    public static String seconds(Duration duration) {
        return seconds(duration.toMillis());
    }

    /** {@code sha256:1a2b3c4d5e6f…}: enough of an image id to recognise it. */
    public static String shortId(String imageId) {
        int start = imageId.indexOf(':') + 1;
        return imageId.length() > start + 12 ? imageId.substring(0, start + 12) + "…" : imageId;
    }
}
