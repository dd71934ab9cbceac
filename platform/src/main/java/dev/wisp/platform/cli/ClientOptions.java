package dev.wisp.platform.cli;

import picocli.CommandLine.Option;

/** Options every client command shares: which server to talk to and which namespace. */
public class ClientOptions {
    @Option(names = "--server", description = "API of a running `wisp up` (default: $WISP_SERVER or http://127.0.0.1:8081).")
    String server;

    @Option(names = {"-n", "--namespace"}, description = "Namespace (default: ${DEFAULT-VALUE}).")
    String namespace = "default";

    ApiClient client() {
        String url = server;
        if (url == null) {
            url = System.getenv("WISP_SERVER");
        }
        return new ApiClient(url == null || url.isBlank() ? "http://127.0.0.1:8081" : url);
    }

    String namespacePath(String plural) {
        return "/apis/serving.knative.dev/v1/namespaces/" + namespace + "/" + plural;
    }
}
