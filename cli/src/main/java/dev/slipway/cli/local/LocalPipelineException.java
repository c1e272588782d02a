package dev.slipway.cli.local;

/** The local pipeline could not start; the message says what is missing and what to do. */
public final class LocalPipelineException extends RuntimeException {
    public LocalPipelineException(String message) {
        super(message);
    }

    public LocalPipelineException(String message, Throwable cause) {
        super(message, cause);
    }
}
