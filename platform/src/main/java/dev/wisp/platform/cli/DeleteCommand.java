package dev.wisp.platform.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code wisp delete TYPE NAME}: deletes a resource and everything it owns. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete a resource (a Service takes its Configuration, Route, Revisions and instances with it).")
public class DeleteCommand implements Callable<Integer> {
    @Mixin
    ClientOptions options;

    @Parameters(index = "0", description = "services, configurations, revisions, routes, brokers, triggers or builds")
    String type;

    @Parameters(index = "1", description = "Name of the resource.")
    String name;

    @Override
    public Integer call() {
        ResourceType resourceType = ResourceType.parse(type);
        options.client().delete(resourceType.namespacePath(options.namespace) + "/" + name);
        System.out.printf("%s.%s/%s deleted%n", resourceType.plural().replaceAll("s$", ""), resourceType.group(), name);
        return 0;
    }
}
