package dev.slipway.distributor.layers;

import java.util.regex.Pattern;

/** Blob digests as containerd and Docker write them: {@code sha256:} and 64 lowercase hex digits. */
public final class Digests {
    private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");

    private Digests() {}

    /** The digest, checked; anything else is refused with the value named. */
    public static String sha256(String value) {
        if (value == null || !SHA256.matcher(value).matches()) {
            throw new IllegalArgumentException("digest '" + value + "' is not valid: expected sha256: and 64 hex digits");
        }
        return value;
    }

    /** The 64 hex digits of a checked digest, as OCI layouts name blob files. */
    public static String hex(String digest) {
        return sha256(digest).substring("sha256:".length());
    }
}
