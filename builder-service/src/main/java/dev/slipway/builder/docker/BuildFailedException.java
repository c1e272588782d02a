package dev.slipway.builder.docker;

/** The engine ran the build and it failed; the message is the builder's own error line. */
public final class BuildFailedException extends RuntimeException {
    public BuildFailedException(String builderError) {
        super(builderError);
    }

    public BuildFailedException(String builderError, Throwable cause) {
        super(builderError, cause);
    }
}
