package dev.wisp.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One YAML document of a file under {@code deploy/}, as a tree and, on demand, as its fabric8 type. */
public record Manifest(String file, int index, JsonNode doc) {
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

    /** Every non-empty document of every YAML file under {@code deploy/}, in file order. */
    public static List<Manifest> all() {
        List<Manifest> out = new ArrayList<>();
        for (Path file : DeployDirectory.yamlFiles()) {
            out.addAll(read(file));
        }
        return out;
    }

    /** The non-empty documents of one file; fails with the file's name when it does not parse. */
    public static List<Manifest> read(Path file) {
        String name = DeployDirectory.relative(file);
        List<Manifest> out = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    out.add(new Manifest(name, out.size(), doc));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(name + " does not parse as YAML: " + e.getMessage(), e);
        }
        return out;
    }

    /** The objects of one kind, across every file listed for kustomize. */
    public static List<Manifest> ofKind(String kind) {
        return all().stream().filter(m -> !m.file().startsWith("examples/")).filter(m -> kind.equals(m.kind())).toList();
    }

    public String kind() {
        return doc.path("kind").asText(null);
    }

    public String apiVersion() {
        return doc.path("apiVersion").asText(null);
    }

    public String name() {
        return doc.path("metadata").path("name").asText(null);
    }

    public String namespace() {
        return doc.path("metadata").path("namespace").asText(null);
    }

    /** This document bound to a fabric8 model class, for example {@code Deployment}. */
    public <T> T as(Class<T> type) {
        return KUBERNETES.convertValue(doc, type);
    }

    /** The fabric8 class registered for this document's apiVersion and kind, or null when fabric8 knows none. */
    public Class<?> modelClass() {
        return KUBERNETES.getRegisteredKubernetesResource(apiVersion(), kind());
    }

    @Override
    public String toString() {
        return file + "#" + index + " " + kind() + "/" + name();
    }
}
