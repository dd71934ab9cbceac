package dev.wisp.platform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wisp get TYPE [NAME]}: lists resources as a table, or prints them as YAML or JSON. */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "List services, configurations, revisions, routes, brokers, triggers or builds (a table, or -o yaml|json).")
public class GetCommand implements Callable<Integer> {
    /** Output formats. */
    enum Output { table, yaml, json }

    @Mixin
    ClientOptions options;

    @Parameters(index = "0", description = "services (ksvc), configurations (cfg), revisions (rev), routes (rt), brokers, triggers or builds")
    String type;

    @Parameters(index = "1", arity = "0..1", description = "Only this resource.")
    String name;

    @Option(names = {"-o", "--output"}, description = "table, yaml or json (default: ${DEFAULT-VALUE}).")
    Output output = Output.table;

    @Option(names = {"-A", "--all-namespaces"}, description = "List across all namespaces.")
    boolean allNamespaces;

    @Override
    public Integer call() {
        ResourceType resourceType = ResourceType.parse(type);
        ApiClient client = options.client();
        String path = allNamespaces && name == null
                ? resourceType.apiBase() + "/" + resourceType.plural()
                : resourceType.namespacePath(options.namespace) + (name == null ? "" : "/" + name);
        if (output != Output.table) {
            System.out.print(client.getText(path, output == Output.yaml ? "application/yaml" : "application/json"));
            return 0;
        }
        List<JsonNode> items = new ArrayList<>();
        JsonNode answer = client.get(path);
        if (name == null) {
            answer.path("items").forEach(items::add);
        } else {
            items.add(answer);
        }
        Table table = new ResourceTables(client, options, allNamespaces, Instant.now()).table(resourceType, items);
        if (table.isEmpty()) {
            System.out.println("No " + resourceType.plural() + " found in "
                    + (allNamespaces ? "any namespace" : "namespace " + options.namespace) + ".");
        } else {
            System.out.print(table.render());
        }
        return 0;
    }
}
