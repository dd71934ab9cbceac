package dev.wisp.platform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code wisp describe service|trigger NAME}: everything about a service (URL, conditions, revisions, traffic,
 * instances) or a trigger (broker, subscriber, readiness).
 */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Show a service or a trigger in detail (a service: conditions with reasons, revisions, traffic, instances).")
public class DescribeCommand implements Callable<Integer> {
    @Mixin
    ClientOptions options;

    @Parameters(index = "0", description = "service (ksvc) or trigger")
    String type;

    @Parameters(index = "1", description = "Name of the service or trigger.")
    String name;

    @Override
    public Integer call() {
        ResourceType resourceType = ResourceType.parse(type);
        if (resourceType == ResourceType.TRIGGERS) {
            return TriggerDescription.describe(options, name, Instant.now());
        }
        if (resourceType != ResourceType.SERVICES) {
            throw new CliException("describe supports services and triggers; use `wisp get " + type + " NAME -o yaml` for the rest");
        }
        ApiClient client = options.client();
        JsonNode service = client.find(options.namespacePath("services") + "/" + name);
        if (service == null) {
            throw new CliException("service \"" + name + "\" not found in namespace " + options.namespace);
        }
        JsonNode revisions = client.get(options.namespacePath("revisions")
                + "?labelSelector=serving.knative.dev/service=" + name).path("items");
        System.out.print(new ServiceDescription(client, options, Instant.now()).render(service, revisions));
        return 0;
    }
}
