package dev.slipway.distributor.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A registry user and password, or none. Its text form never shows the password. */
public record RegistryCredentials(String username, String password) {
    static final RegistryCredentials NONE = new RegistryCredentials(null, null);

    boolean present() {
        return username != null;
    }

    /** The value of an HTTP {@code Authorization: Basic} header. */
    String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** "user slipway", or "no credentials", for messages. */
    String describe() {
        return present() ? "user " + username : "no credentials";
    }

    @Override
    public String toString() {
        return describe();
    }
}
