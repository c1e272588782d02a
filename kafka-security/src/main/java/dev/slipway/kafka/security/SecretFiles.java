package dev.slipway.kafka.security;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Reads the files a setting names (a password, a JAAS configuration, a CA bundle, client properties), as a Kubernetes
 * Secret mounts them: one key per file, the value as it is. A file that is missing, a folder, unreadable or empty is
 * refused naming the setting; what a file holds is never part of a message.
 */
final class SecretFiles {
    private SecretFiles() {}

    /** The file's text, one trailing line break removed (a password written with {@code echo} has one). */
    static String text(Path file, String settingName) {
        String text = read(file, settingName);
        if (text.endsWith("\r\n")) {
            text = text.substring(0, text.length() - 2);
        } else if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.isEmpty()) {
            throw new KafkaSettingsException(settingName + " " + file + " is empty");
        }
        return text;
    }

    /** The file as Java properties (Kafka's {@code --command-config} format). */
    static Properties properties(Path file, String settingName) {
        requireReadableFile(file, settingName);
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new KafkaSettingsException(settingName + " " + file + " is not a properties file: " + e.getMessage());
        }
        return properties;
    }

    static void requireReadableFile(Path file, String settingName) {
        if (!Files.exists(file)) {
            throw new KafkaSettingsException(settingName + " " + file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new KafkaSettingsException(settingName + " " + file + " is a folder, not a file");
        }
        if (!Files.isReadable(file)) {
            throw new KafkaSettingsException(settingName + " " + file + " cannot be read (permission denied)");
        }
    }

    private static String read(Path file, String settingName) {
        requireReadableFile(file, settingName);
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new KafkaSettingsException(settingName + " " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new KafkaSettingsException(settingName + " " + file + " cannot be read (permission denied)");
        } catch (IOException e) {
            throw new KafkaSettingsException(settingName + " " + file + " cannot be read: " + e.getMessage());
        }
    }
}
