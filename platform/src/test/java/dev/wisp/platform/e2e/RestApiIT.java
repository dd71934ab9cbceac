package dev.wisp.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST API's status codes and messages, as a Kubernetes client would see them. */
class RestApiIT {
    private static final String SERVICES = "/apis/serving.knative.dev/v1/namespaces/default/services";

    @TempDir
    static Path stateDir;

    static WispProcess wisp;
    static ApiHttp api;

    @BeforeAll
    static void startWisp() throws Exception {
        wisp = WispProcess.start(stateDir);
        api = new ApiHttp(wisp.api());
    }

    @AfterAll
    static void stopWisp() throws Exception {
        if (wisp != null) {
            wisp.close();
        }
    }

    @Test
    void createGetReplaceDeleteWithKubernetesStatusCodes() throws Exception {
        String yaml = Manifests.hello("api-hello", "Api");
        HttpResponse<String> created = api.send("POST", SERVICES, "application/yaml", yaml);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).contains("\"generation\" : 1").contains("\"timeoutSeconds\" : 300")
                .contains("\"containerConcurrency\" : 0").contains("\"latestRevision\" : true");

        HttpResponse<String> again = api.send("POST", SERVICES, "application/yaml", yaml);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("already exists");

        HttpResponse<String> fetched = api.get(SERVICES + "/api-hello");
        assertThat(fetched.statusCode()).isEqualTo(200);

        HttpResponse<String> replaced = api.send("PUT", SERVICES + "/api-hello", "application/yaml",
                Manifests.hello("api-hello", "Changed"));
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.body()).contains("\"generation\" : 2").contains("Changed");

        HttpResponse<String> listed = api.get(SERVICES);
        assertThat(listed.body()).contains("\"kind\" : \"ServiceList\"").contains("api-hello");

        assertThat(api.send("DELETE", SERVICES + "/api-hello", "application/json", null).statusCode()).isEqualTo(200);
        HttpResponse<String> gone = api.get(SERVICES + "/api-hello");
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body()).contains("\"reason\" : \"NotFound\"").contains("api-hello");
        assertThat(api.send("DELETE", SERVICES + "/api-hello", "application/json", null).statusCode()).isEqualTo(404);
    }

    @Test
    void invalidBodiesAreRefusedWithTheFieldPath() throws Exception {
        HttpResponse<String> badYaml = api.send("POST", SERVICES, "application/yaml", "kind: Service\nmetadata: [oops\n");
        assertThat(badYaml.statusCode()).isEqualTo(400);

        String invalid = Manifests.hello("api-bad", "x").replace("- image: wisp.local/hello", "- image: \"\"");
        HttpResponse<String> unprocessable = api.send("POST", SERVICES, "application/yaml", invalid);
        assertThat(unprocessable.statusCode()).isEqualTo(422);
        assertThat(unprocessable.body()).contains("spec.template.spec.containers[0].image");
        assertThat(api.get(SERVICES + "/api-bad").statusCode()).isEqualTo(404);

        HttpResponse<String> unknownType = api.get("/apis/serving.knative.dev/v1/namespaces/default/widgets");
        assertThat(unknownType.statusCode()).isEqualTo(404);
        assertThat(unknownType.body()).contains("widgets");

        HttpResponse<String> json = api.send("POST", SERVICES, "application/json",
                "{\"apiVersion\":\"serving.knative.dev/v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"api-json\"},"
                        + "\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"image\":\"x\",\"command\":[\"true\"]}]}}}}");
        assertThat(json.statusCode()).as(json.body()).isEqualTo(201);
    }

    @Test
    void aNamedRevisionCannotBeReusedForAChangedTemplate() throws Exception {
        String named = Manifests.hello("named", "One").replace("  template:\n    spec:",
                "  template:\n    metadata:\n      name: named-v1\n    spec:");
        assertThat(named).contains("name: named-v1");
        HttpResponse<String> created = api.send("POST", SERVICES, "application/yaml", named);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        org.awaitility.Awaitility.await("revision named-v1").atMost(java.time.Duration.ofSeconds(30)).until(() ->
                api.get("/apis/serving.knative.dev/v1/namespaces/default/revisions/named-v1").statusCode() == 200);

        HttpResponse<String> changed = api.send("POST", "/apis/wisp.dev/v1alpha1/apply", "application/yaml",
                named.replace("value: \"One\"", "value: \"Two\""));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(422);
        assertThat(changed.body()).contains("spec.template.metadata.name").contains("named-v1");

        HttpResponse<String> same = api.send("POST", "/apis/wisp.dev/v1alpha1/apply", "application/yaml", named);
        assertThat(same.statusCode()).as(same.body()).isEqualTo(200);
        assertThat(same.body()).contains("unchanged");
    }

    @Test
    void healthAndMetricsAreServedOnTheApiPort() throws Exception {
        assertThat(api.get("/q/health").statusCode()).isEqualTo(200);
        assertThat(api.get("/q/metrics").statusCode()).isEqualTo(200);
    }
}
