package dev.wisp.platform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wisp logs SERVICE [--revision R]}: prints the output of a revision's instances. */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Print the output of the instances of a service's latest revision (or --revision).")
public class LogsCommand implements Callable<Integer> {
    @Mixin
    ClientOptions options;

    @Parameters(index = "0", description = "The service.")
    String service;

    @Option(names = "--revision", description = "Revision to show (default: the latest created).")
    String revision;

    @Option(names = "--tail", description = "Only the last N lines of each instance.")
    int tail;

    @Override
    public Integer call() {
        ApiClient client = options.client();
        String rev = revision;
        if (rev == null) {
            JsonNode svc = client.find(options.namespacePath("services") + "/" + service);
            if (svc == null) {
                throw new CliException("service \"" + service + "\" not found in namespace " + options.namespace);
            }
            rev = new ResourceView(svc).status("latestCreatedRevisionName");
            if (rev.isEmpty()) {
                throw new CliException("service \"" + service + "\" has no revision yet");
            }
        }
        String path = options.namespacePath("revisions") + "/" + rev + "/log" + (tail > 0 ? "?tailLines=" + tail : "");
        System.out.print(client.getText(path, "text/plain"));
        return 0;
    }
}
