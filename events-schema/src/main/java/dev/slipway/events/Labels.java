package dev.slipway.events;

/** Labels Slipway puts on what it creates (images, containers, workloads), so it can find them again. */
public final class Labels {
    /** The release that built the image or rolled out the container. */
    public static final String RELEASE_ID = "dev.slipway.release-id";
    /** The service of the plan the image or container belongs to. */
    public static final String SERVICE = "dev.slipway.service";
    /** When the release was requested (ISO-8601): orders releases, so an older one never replaces a newer one. */
    public static final String REQUESTED_AT = "dev.slipway.requested-at";
    /** The version of the release. */
    public static final String VERSION = "dev.slipway.version";

    /**
     * What an image was built from: {@code sha256:} and the hex digest of its build context (every file's path,
     * kind, executable bit and content, symbolic links' targets), its Dockerfile's path and its build args. Two
     * builds with the same value had the same input.
     */
    public static final String SOURCE_DIGEST = "dev.slipway.source-digest";

    private Labels() {}
}
