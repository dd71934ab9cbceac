package dev.wisp.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Brokers and Triggers through the REST API and the CLI of a real {@code wisp up}: admitted, listed, refused, deleted. */
class EventingApiIT {
    private static final String EVENTING = "/apis/eventing.knative.dev/v1";
    private static final String BROKERS = EVENTING + "/namespaces/default/brokers";
    private static final String TRIGGERS = EVENTING + "/namespaces/default/triggers";
    private static final Path EXAMPLE = Path.of("../../shared/examples/broker-trigger.yaml");

    @TempDir
    static Path stateDir;

    static WispProcess wisp;
    static ApiHttp api;

    @BeforeAll
    static void startWisp() throws Exception {
        wisp = WispProcess.start(stateDir, "--eventing");
        api = new ApiHttp(wisp.api());
    }

    @AfterAll
    static void stopWisp() throws Exception {
        if (wisp != null) {
            wisp.close();
        }
    }

    @Test
    void brokerAndTriggerAreCreatedListedAndDeleted() throws Exception {
        HttpResponse<String> broker = api.send("POST", BROKERS, "application/yaml",
                "apiVersion: eventing.knative.dev/v1\nkind: Broker\nmetadata:\n  name: crud\n");
        assertThat(broker.statusCode()).as(broker.body()).isEqualTo(201);
        assertThat(broker.body()).contains("\"eventing.knative.dev/broker.class\" : \"Kafka\"");

        HttpResponse<String> trigger = api.send("POST", TRIGGERS, "application/yaml", trigger("crud-t", "crud",
                "  filters:\n    - cesql: \"type LIKE 'com.example.%'\"\n"));
        assertThat(trigger.statusCode()).as(trigger.body()).isEqualTo(201);
        assertThat(trigger.body()).contains("\"eventing.knative.dev/broker\" : \"crud\"");
        assertThat(api.send("POST", TRIGGERS, "application/yaml", trigger("crud-t", "crud", "")).statusCode()).isEqualTo(409);

        assertThat(api.get(BROKERS).body()).contains("\"kind\" : \"BrokerList\"").contains("\"crud\"");
        assertThat(api.get(EVENTING + "/triggers").body()).contains("\"kind\" : \"TriggerList\"").contains("crud-t");
        assertThat(api.get(TRIGGERS + "?labelSelector=eventing.knative.dev/broker=crud").body()).contains("crud-t");
        assertThat(api.get(TRIGGERS + "/crud-t").statusCode()).isEqualTo(200);

        assertThat(api.send("DELETE", TRIGGERS + "/crud-t", "application/json", null).statusCode()).isEqualTo(200);
        assertThat(api.send("DELETE", BROKERS + "/crud", "application/json", null).statusCode()).isEqualTo(200);
        HttpResponse<String> gone = api.get(TRIGGERS + "/crud-t");
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body()).contains("triggers.eventing.knative.dev \\\"crud-t\\\" not found");
    }

    @Test
    void invalidFiltersAreRefusedWithTheirFieldPath() throws Exception {
        HttpResponse<String> badCesql = api.send("POST", TRIGGERS, "application/yaml",
                trigger("bad-cesql", "default", "  filters:\n    - exact: {type: a}\n    - cesql: \"type LIKE (\"\n"));
        assertThat(badCesql.statusCode()).as(badCesql.body()).isEqualTo(422);
        assertThat(badCesql.body()).contains("spec.filters[1].cesql: not a valid CloudEvents SQL expression");

        HttpResponse<String> twoAttributes = api.send("POST", TRIGGERS, "application/yaml",
                trigger("bad-exact", "default", "  filters:\n    - exact: {type: a, source: b}\n"));
        assertThat(twoAttributes.statusCode()).isEqualTo(422);
        assertThat(twoAttributes.body()).contains("spec.filters[0].exact: expected exactly one attribute, got 2");
        assertThat(api.get(TRIGGERS + "/bad-cesql").statusCode()).isEqualTo(404);

        HttpResponse<String> unknownType = api.get(EVENTING + "/namespaces/default/channels");
        assertThat(unknownType.statusCode()).isEqualTo(404);
        assertThat(unknownType.body()).contains("known: brokers, triggers");
        assertThat(api.get("/apis/serving.knative.dev/v1/namespaces/default/services").statusCode()).isEqualTo(200);
    }

    @Test
    void theExampleAppliesAndTheCliShowsIt() throws Exception {
        WispProcess.CliResult applied = wisp.cliWithInput(Files.readString(EXAMPLE), "apply", "-f", "-");
        assertThat(applied.exitCode()).as(applied.toString()).isZero();
        assertThat(applied.stdout()).contains("broker.eventing.knative.dev/default created")
                .contains("trigger.eventing.knative.dev/orders-created created");

        WispProcess.CliResult brokers = wisp.cli("get", "brokers");
        assertThat(brokers.stdout()).as(brokers.toString()).contains("NAME").contains("URL").contains("READY").contains("default");

        WispProcess.CliResult triggers = wisp.cli("get", "triggers");
        assertThat(triggers.stdout()).as(triggers.toString()).contains("BROKER").contains("SUBSCRIBER")
                .contains("orders-created").contains("ksvc:order-handler")
                .contains("audit-everything-but-pings").contains("http://127.0.0.1:9998/audit");

        WispProcess.CliResult described = wisp.cli("describe", "trigger", "audit-everything-but-pings");
        assertThat(described.stdout()).as(described.toString())
                .contains("not(prefix type \"dev.knative.sources.ping\")")
                .contains("Retry:        5 (the broker's)").contains("http://127.0.0.1:9999/dead-letters");

        WispProcess.CliResult deleted = wisp.cli("delete", "trigger", "orders-created");
        assertThat(deleted.stdout()).as(deleted.toString()).contains("trigger.eventing.knative.dev/orders-created deleted");
        assertThat(wisp.cli("get", "triggers").stdout()).doesNotContain("orders-created");

        WispProcess.CliResult invalid = wisp.cliWithInput(trigger("cli-bad", "default", "  filters:\n    - cesql: \"type = \"\n"),
                "apply", "-f", "-");
        assertThat(invalid.exitCode()).isNotZero();
        assertThat(invalid.stderr()).contains("spec.filters[0].cesql");
    }

    private static String trigger(String name, String broker, String filters) {
        return """
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: %s
                spec:
                  broker: %s
                  subscriber:
                    uri: http://127.0.0.1:9998/events
                """.formatted(name, broker) + filters;
    }
}
