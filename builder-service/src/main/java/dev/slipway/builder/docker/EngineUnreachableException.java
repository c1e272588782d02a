package dev.slipway.builder.docker;

/** The Docker engine could not be reached; the message names its address and what to check. */
public final class EngineUnreachableException extends RuntimeException {
    public EngineUnreachableException(String engine, Throwable cause) {
        super("cannot reach the Docker engine at " + engine + " (" + rootMessage(cause)
                + "); check that dockerd is running there and that slipway.builder.engine names its socket "
                + "(unix:///path/docker.sock) or address (tcp://host:port)", cause);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
