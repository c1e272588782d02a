package dev.slipway.e2e.secured;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a stage does on Kafka, read from its own {@code application.properties} (not from the ACLs under test): the
 * topic and consumer group of its incoming channel, its dead-letter topic, the topic of its outgoing channel, plus
 * the topics its code writes besides (slipway.cdevents; the verifier's state topic).
 */
record ServiceJob(String user, String input, String group, List<String> writes, List<String> readsWithoutGroup) {
    /** {@code ${slipway.topic.image-built:slipway.image-built}} → slipway.image-built */
    private static final Pattern DEFAULTED = Pattern.compile("\\$\\{[^:}]+:([^}]+)}");

    static ServiceJob of(Path applicationProperties, String user, List<String> alsoWrites, List<String> readsWithoutGroup) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(applicationProperties)) {
            props.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String input = null;
        String group = null;
        List<String> writes = new ArrayList<>();
        for (String key : props.stringPropertyNames()) {
            String value = resolved(props.getProperty(key));
            if (key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.topic")) {
                input = value;
            } else if (key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.group\\.id")) {
                group = value;
            } else if (key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.dead-letter-queue\\.topic")
                    || key.matches("mp\\.messaging\\.outgoing\\.[^.]+\\.topic")) {
                writes.add(value);
            }
        }
        if (input == null || group == null || writes.size() != 2) {
            throw new IllegalStateException(applicationProperties + " does not name one incoming topic, its group, its "
                    + "dead-letter topic and one outgoing topic");
        }
        writes.addAll(alsoWrites);
        return new ServiceJob(user, input, group, List.copyOf(writes), readsWithoutGroup);
    }

    private static String resolved(String value) {
        Matcher m = DEFAULTED.matcher(value.trim());
        return m.matches() ? m.group(1) : value.trim();
    }

    @Override
    public String toString() {
        return user;
    }
}
