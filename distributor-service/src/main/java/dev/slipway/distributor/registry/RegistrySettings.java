package dev.slipway.distributor.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The registry images are pushed to, from {@code slipway.registry.url}, {@code slipway.registry.username}
 * and {@code slipway.registry.password-file}. The password stays in its file: it is read at each push
 * ({@link #credentials()}), so it is never part of the configuration dump, an event or a log line.
 */
public record RegistrySettings(RegistryAddress address, Optional<String> username, Optional<Path> passwordFile) {
    public static final String URL_KEY = "slipway.registry.url";
    public static final String USERNAME_KEY = "slipway.registry.username";
    public static final String PASSWORD_FILE_KEY = "slipway.registry.password-file";
    /** Printable, no whitespace and no ':' (which would end the user in HTTP basic auth). */
    private static final Pattern USERNAME = Pattern.compile("[\\x21-\\x39\\x3b-\\x7e]{1,255}");

    public RegistrySettings {
        if (address == null) {
            throw new IllegalArgumentException(URL_KEY + " is not set");
        }
        username = username == null ? Optional.empty() : username;
        passwordFile = passwordFile == null ? Optional.empty() : passwordFile;
        if (username.isPresent() != passwordFile.isPresent()) {
            throw new IllegalArgumentException(USERNAME_KEY + " and " + PASSWORD_FILE_KEY + " go together: set both or neither");
        }
    }

    /**
     * The registry settings from the three keys: empty when {@code slipway.registry.url} is not set (no
     * registry); else validated, throwing {@link IllegalStateException} that lists every problem with its key.
     */
    public static Optional<RegistrySettings> from(Optional<String> url, Optional<String> username, Optional<String> passwordFile) {
        Optional<String> user = username.map(String::strip).filter(u -> !u.isEmpty());
        Optional<String> file = passwordFile.map(String::strip).filter(f -> !f.isEmpty());
        if (url.map(String::isBlank).orElse(true)) {
            if (user.isPresent() || file.isPresent()) {
                throw new IllegalStateException("the registry configuration is not valid: " + USERNAME_KEY + "/" + PASSWORD_FILE_KEY
                        + " are set but " + URL_KEY + " is not: name the registry, e.g. " + URL_KEY + "=registry.example.com:5000");
            }
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        RegistryAddress address = null;
        try {
            address = RegistryAddress.parse(url.get());
        } catch (IllegalArgumentException e) {
            problems.add(URL_KEY + ": " + e.getMessage());
        }
        if (user.isPresent() && !USERNAME.matcher(user.get()).matches()) {
            problems.add(USERNAME_KEY + ": '" + user.get() + "' is not a valid user name (printable characters, no spaces or ':')");
        }
        if (user.isPresent() && file.isEmpty()) {
            problems.add(PASSWORD_FILE_KEY + " is not set: name the file holding the password of " + USERNAME_KEY);
        }
        if (file.isPresent() && user.isEmpty()) {
            problems.add(USERNAME_KEY + " is not set: name the user whose password " + PASSWORD_FILE_KEY + " holds");
        }
        Path path = file.map(Path::of).orElse(null);
        if (path != null && (!Files.isRegularFile(path) || !Files.isReadable(path))) {
            problems.add(PASSWORD_FILE_KEY + ": " + path + " is not a readable file");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the registry configuration is not valid: " + String.join("; ", problems));
        }
        return Optional.of(new RegistrySettings(address, user, Optional.ofNullable(path)));
    }

    /** The credentials to push with, reading the password file now; empty for a registry without authentication. */
    RegistryCredentials credentials() {
        if (username.isEmpty()) {
            return RegistryCredentials.NONE;
        }
        Path file = passwordFile.orElseThrow();
        String password;
        try {
            password = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RegistryException("cannot read the password file " + file + " (" + e.getClass().getSimpleName()
                    + "); check " + PASSWORD_FILE_KEY);
        }
        password = password.replaceAll("[\\r\\n]+$", "");
        if (password.isEmpty()) {
            throw new RegistryException("the password file " + file + " is empty; check " + PASSWORD_FILE_KEY);
        }
        return new RegistryCredentials(username.get(), password);
    }
}
