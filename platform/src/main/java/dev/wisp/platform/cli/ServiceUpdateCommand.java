package dev.wisp.platform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wisp.api.serving.v1.Serving;
import dev.wisp.api.serving.v1.TrafficTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wisp service update NAME}: changes a Service's traffic split, tags, environment, image or
 * annotations with {@code kn}'s flags and precedence (untag, then tag, then traffic), and applies it.
 */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = "Update a service: --traffic REV=PCT,@latest=PCT,TAG=PCT  --tag REV=TAG  --untag TAG  "
                + "--env K=V  --image I  --annotation K=V.")
public class ServiceUpdateCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    ClientOptions options;

    @Parameters(index = "0", description = "The service.")
    String name;

    @Option(names = "--traffic", description = "Percent per revision, tag or @latest; they must add up to 100.")
    List<String> traffic = new ArrayList<>();

    @Option(names = "--tag", description = "REVISION=TAG or @latest=TAG: a URL {tag}-{service}.{namespace}.{domain}.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--untag", split = ",", description = "Remove a tag (before --tag and --traffic apply).")
    List<String> untags = new ArrayList<>();

    @Option(names = {"--env", "-e"}, description = "KEY=VALUE sets an environment variable, KEY- removes it.")
    List<String> env = new ArrayList<>();

    @Option(names = "--image", description = "The container image.")
    String image;

    @Option(names = {"--annotation", "-a"}, description = "KEY=VALUE sets an annotation, KEY- removes it.")
    List<String> annotations = new ArrayList<>();

    @Override
    public Integer call() {
        ApiClient client = options.client();
        JsonNode found = client.find(options.namespacePath("services") + "/" + name);
        if (found == null) {
            throw new CliException("service \"" + name + "\" not found in namespace " + options.namespace);
        }
        ObjectNode service = (ObjectNode) found;
        service.remove("status");
        boolean templateChanged = TemplateEdits.apply(service, keyValues("--env", env), image,
                keyValues("--annotation", annotations));
        List<TrafficTarget> current = currentTraffic(service);
        Map<String, String> tagged = TrafficEdits.pairs("--tag", tags);
        Map<String, Integer> percents = TrafficEdits.percents(traffic);
        if (!tagged.isEmpty() || !percents.isEmpty()) {
            TrafficEdits.checkReferences(name, revisionNames(client), current, untags, tagged, percents);
        }
        List<TrafficTarget> edited = TrafficEdits.apply(current, untags, tagged, percents);
        ((ObjectNode) service.get("spec")).set("traffic", JSON.valueToTree(edited));
        client.post("/apis/wisp.dev/v1alpha1/apply", service.toString(), "application/json");
        System.out.printf("Service '%s' updated in namespace '%s'%s.%n", name, options.namespace,
                templateChanged ? " (new revision)" : "");
        for (TrafficTarget target : edited) {
            System.out.printf("  %3d%% -> %s%s%n", target.getPercent() == null ? 0 : target.getPercent(),
                    Boolean.TRUE.equals(target.getLatestRevision()) ? "@latest" : target.getRevisionName(),
                    target.getTag() == null ? "" : " #" + target.getTag());
        }
        return 0;
    }

    /** The revisions of the service's configuration (named as the service), as --traffic and --tag may name them. */
    private List<String> revisionNames(ApiClient client) {
        List<String> names = new ArrayList<>();
        JsonNode items = client.get(options.namespacePath("revisions") + "?labelSelector="
                + Serving.CONFIGURATION_LABEL + "=" + name).path("items");
        items.forEach(revision -> names.add(revision.path("metadata").path("name").asText()));
        return names;
    }

    private static List<TrafficTarget> currentTraffic(ObjectNode service) {
        List<TrafficTarget> targets = new ArrayList<>();
        for (JsonNode target : service.path("spec").path("traffic")) {
            targets.add(JSON.convertValue(target, TrafficTarget.class));
        }
        return targets;
    }

    private static Map<String, String> keyValues(String flag, List<String> values) {
        Map<String, String> result = new LinkedHashMap<>();
        values.forEach(v -> TemplateEdits.put(result, flag, v));
        return result;
    }
}
