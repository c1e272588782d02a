package dev.slipway.kubernetes;

/** No usable Kubernetes configuration was found; the message names every source that was tried and why it failed. */
public final class ClusterConfigException extends RuntimeException {
    public ClusterConfigException(String message) {
        super(message);
    }

    public ClusterConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
