package dev.slipway.distributor.config;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * The registry images are also pushed to: {@code slipway.registry.*}. Absent {@code url}, there is none.
 * Checked at startup by {@code registry.RegistrySettings}; the password is read from its file at each push.
 */
@ConfigMapping(prefix = "slipway.registry")
public interface RegistryConfig {
    /** {@code host:port} or {@code http(s)://host:port}, e.g. {@code registry.example.com:5000}. */
    Optional<String> url();

    Optional<String> username();

    /** A file holding the password (or token); never the password itself. */
    Optional<String> passwordFile();
}
