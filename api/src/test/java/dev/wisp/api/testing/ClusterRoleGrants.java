package dev.wisp.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * The grants of the ClusterRoles in one manifest under {@code deploy/rbac/}, spelled as
 * {@link ApiCall#toString()} spells calls ({@code update serving.knative.dev/routes/status}), so a
 * test can compare what a role was seen to call with what it is granted.
 */
public final class ClusterRoleGrants {

    private ClusterRoleGrants() {
    }

    /** Every verb x group x resource the ClusterRoles in {@code manifest} grant. */
    public static Set<String> of(Path manifest) {
        return of(manifest, null);
    }

    /** What the ClusterRole {@code name} in {@code manifest} grants (null: every ClusterRole there). */
    public static Set<String> of(Path manifest, String name) {
        Set<String> granted = new TreeSet<>();
        try (MappingIterator<JsonNode> documents = new YAMLMapper().readerFor(JsonNode.class).readValues(manifest.toFile())) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && "ClusterRole".equals(document.path("kind").asText())
                        && (name == null || name.equals(document.path("metadata").path("name").asText()))) {
                    addRules(Serialization.jsonMapper().convertValue(document, ClusterRole.class), granted);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifest, e);
        }
        return granted;
    }

    private static void addRules(ClusterRole role, Set<String> granted) {
        for (PolicyRule rule : role.getRules()) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    rule.getVerbs().forEach(verb -> granted.add(new ApiCall(verb, group, resource).toString()));
                }
            }
        }
    }
}
