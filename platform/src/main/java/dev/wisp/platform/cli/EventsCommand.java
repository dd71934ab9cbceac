package dev.wisp.platform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code wisp events parked|replay TRIGGER}: lists a Trigger's parked events, or sends them again. */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "Events a Trigger could not deliver: 'parked TRIGGER' lists them, 'replay TRIGGER' sends them again.")
public class EventsCommand implements Callable<Integer> {
    @Mixin
    ClientOptions options;

    @Parameters(index = "0", description = "parked or replay")
    String action;

    @Parameters(index = "1", description = "The trigger.")
    String trigger;

    @Override
    public Integer call() {
        ApiClient client = options.client();
        String path = "/apis/wisp.dev/v1alpha1/namespaces/" + options.namespace + "/triggers/" + trigger;
        switch (action) {
            case "parked" -> printParked(client.get(path + "/parked"));
            case "replay" -> printReplay(client.post(path + "/replay", "", "application/json"));
            default -> throw new CliException("unknown action \"" + action + "\": use parked or replay");
        }
        return 0;
    }

    private static void printParked(JsonNode body) {
        Table table = new Table("OFFSET", "ID", "TYPE", "SOURCE", "PARKED AT", "REASON");
        for (JsonNode item : body.path("items")) {
            table.row(item.path("offset").asText(), item.path("id").asText(), item.path("type").asText(),
                    item.path("source").asText(), item.path("parkedAt").asText(), item.path("reason").asText());
        }
        System.out.print(table.render());
    }

    private static void printReplay(JsonNode body) {
        StringBuilder line = new StringBuilder("replayed " + body.path("replayed").asInt() + " event(s)");
        body.path("resolutions").fields().forEachRemaining(e -> line.append(' ').append(e.getKey()).append('=').append(e.getValue().asInt()));
        System.out.println(line);
    }
}
