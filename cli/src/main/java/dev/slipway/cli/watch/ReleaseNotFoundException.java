package dev.slipway.cli.watch;

/** The release asked for has no BuildRequested on its topic, not even after waiting a little for one to arrive. */
public final class ReleaseNotFoundException extends Exception {
    public ReleaseNotFoundException(String message) {
        super(message);
    }
}
