package dev.slipway.e2e.secured;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The KafkaUser resources of a Strimzi manifest as the ACL bindings Strimzi's User Operator creates for them
 * ({@code User:<name>}, allow, one binding per operation): a broker given these has exactly the manifest's rules.
 */
final class StrimziKafkaUsers {
    private StrimziKafkaUsers() {}

    /** User name to its ACL bindings, in file order. */
    static Map<String, List<AclBinding>> read(Path manifest) {
        Map<String, List<AclBinding>> users = new LinkedHashMap<>();
        try (MappingIterator<JsonNode> documents = new YAMLMapper().readerFor(JsonNode.class).readValues(manifest.toFile())) {
            while (documents.hasNext()) {
                JsonNode user = documents.next();
                if (user == null || !"KafkaUser".equals(user.path("kind").asText())) {
                    continue;
                }
                String name = user.path("metadata").path("name").asText();
                if (!"scram-sha-512".equals(user.path("spec").path("authentication").path("type").asText())) {
                    throw new IllegalStateException("KafkaUser " + name + " in " + manifest + " is not scram-sha-512");
                }
                List<AclBinding> bindings = new ArrayList<>();
                for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
                    JsonNode resource = acl.path("resource");
                    ResourcePattern pattern = new ResourcePattern(
                            ResourceType.fromString(resource.path("type").asText().toUpperCase(Locale.ROOT)),
                            resource.path("name").asText(),
                            PatternType.fromString(resource.path("patternType").asText("literal").toUpperCase(Locale.ROOT)));
                    for (JsonNode operation : acl.path("operations")) {
                        AclOperation op = AclOperation.fromString(operation.asText().replaceAll("([a-z])([A-Z])", "$1_$2")
                                .toUpperCase(Locale.ROOT));
                        if (op == AclOperation.UNKNOWN) {
                            throw new IllegalStateException("KafkaUser " + name + ": unknown operation " + operation.asText());
                        }
                        bindings.add(new AclBinding(pattern, new AccessControlEntry("User:" + name,
                                acl.path("host").asText("*"), op, AclPermissionType.ALLOW)));
                    }
                }
                users.put(name, bindings);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifest, e);
        }
        return users;
    }
}
