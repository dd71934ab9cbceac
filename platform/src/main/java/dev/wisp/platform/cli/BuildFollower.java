package dev.wisp.platform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Follows one run of a Build from the CLI: prints its log as it grows and returns the
 * target Service's URL once the run succeeded and the Service serves it; fails with the Build's
 * reason and message when the run failed.
 */
final class BuildFollower {
    private static final long POLL_MILLIS = 300;

    private final ApiClient client;
    private final String buildPath;
    private final String name;
    private final java.io.PrintStream out;
    private long offset;

    /** A follower that prints the log to {@code out}. */
    BuildFollower(ApiClient client, String namespace, String name, java.io.PrintStream out) {
        this.client = client;
        this.out = out;
        this.name = name;
        this.buildPath = "/apis/build.wisp.dev/v1alpha1/namespaces/" + namespace + "/builds/" + name;
    }

    /** Waits for the run {@code run} (null: whatever run is current) until {@code deadline}; returns the URL. */
    String follow(String run, Instant deadline) throws InterruptedException {
        while (Instant.now().isBefore(deadline)) {
            JsonNode build = client.get(buildPath);
            boolean current = run == null || run.equals(build.path("status").path("observedRun").asText(null));
            printNewLog();
            JsonNode succeeded = DeployCommand.condition(build, "Succeeded");
            if (current && succeeded != null && "False".equals(succeeded.path("status").asText())) {
                throw new CliException("build " + name + " failed (" + succeeded.path("reason").asText() + "): "
                        + succeeded.path("message").asText());
            }
            String url = build.path("status").path("url").asText("");
            if (current && succeeded != null && "True".equals(succeeded.path("status").asText()) && !url.isEmpty()) {
                return url;
            }
            Thread.sleep(POLL_MILLIS); // polling a remote server for progress; no logic waits on it
        }
        throw new CliException("build " + name + " did not finish with a URL before the timeout; see wisp build logs " + name);
    }

    /** Prints the log bytes written since the last call. */
    void printNewLog() {
        String text = client.getText(buildPath + "/log?offset=" + offset, "text/plain");
        offset += text.getBytes(StandardCharsets.UTF_8).length;
        out.print(text);
        out.flush();
    }

    /** Prints the log so far; with {@code follow}, keeps printing until the current run finished. */
    void printLog(boolean follow) throws InterruptedException {
        printNewLog();
        while (follow) {
            JsonNode succeeded = DeployCommand.condition(client.get(buildPath), "Succeeded");
            boolean running = succeeded == null || "Unknown".equals(succeeded.path("status").asText());
            printNewLog();
            if (!running) {
                return;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
