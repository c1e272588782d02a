package dev.slipway.kafka.security;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How a Kafka client connects, as the user gave it (nothing read yet): each {@link KafkaSetting} that was set. Secrets
 * are only ever named by their files, so this can be printed.
 * <pre>
 * --sasl-username slipway-cli --sasl-password-file /run/secrets/password --tls-ca-file ca.crt
 *   → {SASL_USERNAME=slipway-cli, SASL_PASSWORD_FILE=/run/secrets/password, TLS_CA_FILE=ca.crt}
 * </pre>
 */
public final class KafkaSecuritySettings {
    private final Map<KafkaSetting, String> values;

    private KafkaSecuritySettings(Map<KafkaSetting, String> values) {
        this.values = values;
    }

    /** Nothing set: a PLAINTEXT client. */
    public static KafkaSecuritySettings none() {
        return new KafkaSecuritySettings(new EnumMap<>(KafkaSetting.class));
    }

    /** The settings {@code lookup} answers; blank values count as not set. */
    public static KafkaSecuritySettings from(Function<KafkaSetting, Optional<String>> lookup) {
        Map<KafkaSetting, String> values = new EnumMap<>(KafkaSetting.class);
        for (KafkaSetting setting : KafkaSetting.values()) {
            lookup.apply(setting).map(String::trim).filter(value -> !value.isEmpty())
                    .ifPresent(value -> values.put(setting, value));
        }
        return new KafkaSecuritySettings(values);
    }

    /** These settings with {@code setting} set to {@code value} (null or blank: unset). */
    public KafkaSecuritySettings with(KafkaSetting setting, String value) {
        Map<KafkaSetting, String> changed = new EnumMap<>(KafkaSetting.class);
        changed.putAll(values);
        if (value == null || value.isBlank()) {
            changed.remove(setting);
        } else {
            changed.put(setting, value.trim());
        }
        return new KafkaSecuritySettings(changed);
    }

    public Optional<String> get(KafkaSetting setting) {
        return Optional.ofNullable(values.get(setting));
    }

    public Optional<Path> file(KafkaSetting setting) {
        return get(setting).map(Path::of);
    }

    public boolean isSet(KafkaSetting setting) {
        return values.containsKey(setting);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The settings as {@code name=value} under the given naming: files by path, never their content. */
    public String describe(KafkaSetting.Naming naming) {
        List<String> parts = new ArrayList<>();
        values.forEach((setting, value) -> parts.add(setting.nameFor(naming) + (naming == KafkaSetting.Naming.CLI ? " " : "=")
                + value));
        return parts.isEmpty() ? "no security settings (PLAINTEXT)" : String.join(", ", parts);
    }

    @Override
    public String toString() {
        return describe(KafkaSetting.Naming.CONFIG);
    }
}
