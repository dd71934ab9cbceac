package dev.wisp.platform.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wisp.api.eventing.duck.Destination;
import dev.wisp.api.eventing.duck.KReference;
import dev.wisp.api.eventing.v1.Broker;
import dev.wisp.api.eventing.v1.BrokerSpec;
import dev.wisp.api.eventing.v1.Trigger;
import dev.wisp.api.eventing.v1.TriggerFilter;
import dev.wisp.api.eventing.v1.TriggerSpec;
import dev.wisp.api.serving.v1.Service;
import dev.wisp.api.testing.ApiCallRecorder;
import dev.wisp.api.testing.ClusterRoleGrants;
import dev.wisp.eventing.kafka.EmbeddedKafka;
import dev.wisp.eventing.kafka.EmbeddedKafkaSettings;
import dev.wisp.eventing.reconciler.EventingParts;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eventing in Kubernetes mode: the receiver and dispatcher roles as separate controllers reading
 * Brokers and Triggers from the (mock, CRUD) API server, with a real Kafka and a real subscriber.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesEventingIT {
    static KubernetesClient client;
    static KubernetesMockServer server;

    @TempDir
    Path dir;

    @Test
    void brokerAndTriggerCustomResourcesDeliverEventsAcrossTheTwoRoles() throws Exception {
        installCrd("brokers.eventing.knative.dev");
        installCrd("triggers.eventing.knative.dev");
        installCrd("services.serving.knative.dev");
        Path kafkaLib = Path.of(System.getProperty("wisp.app.jar", "target/quarkus-app/quarkus-run.jar")).getParent()
                .resolve("kafka-lib");
        Vertx vertx = Vertx.vertx();
        List<String> delivered = new CopyOnWriteArrayList<>();
        HttpServer subscriber = vertx.createHttpServer().requestHandler(r -> {
            delivered.add(r.getHeader("ce-id"));
            r.response().setStatusCode(202).end();
        });
        int subscriberPort = subscriber.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS).actualPort();
        try (EmbeddedKafka kafka = new EmbeddedKafka(EmbeddedKafkaSettings.defaults(dir.resolve("kafka"), kafkaLib))) {
            String bootstrap = kafka.start();
            ApiCallRecorder calls = new ApiCallRecorder(server);
            try (KubernetesClient receiverClient = clientAs("eventing-receiver");
                 KubernetesClient dispatcherClient = clientAs("eventing-dispatcher");
                 KubernetesEventing receiver = KubernetesEventing.start(receiverClient, vertx, settings(bootstrap),
                    new EventingParts(true, false, null), Clock.systemUTC())) {
                String receiverUrl = "http://127.0.0.1:" + receiver.receiverPort();
                try (KubernetesEventing dispatcher = KubernetesEventing.start(dispatcherClient, vertx, settings(bootstrap),
                        EventingParts.dispatcherOnly(receiverUrl), Clock.systemUTC())) {
                    client.resource(broker()).create();
                    client.resource(trigger("orders", Destination.ofUri("http://127.0.0.1:" + subscriberPort + "/"))).create();
                    // a subscriber that is a Knative Service: resolved to the activator by the Service's host
                    client.resource(service()).create();
                    client.resource(trigger("to-service", new Destination(
                            new KReference("serving.knative.dev/v1", "Service", "hello", "team"), null))).create();

                    await().atMost(Duration.ofSeconds(60)).until(() -> ready(Trigger.class, "orders")
                            && ready(Trigger.class, "to-service"));
                    assertThat(client.resources(Trigger.class).inNamespace("team").withName("to-service").get()
                            .getStatus().getSubscriberUri()).isEqualTo("http://hello.team.example.com");
                    Broker broker = client.resources(Broker.class).inNamespace("team").withName("default").get();
                    assertThat(broker.getStatus().isReady()).isTrue();
                    assertThat(broker.getStatus().getAddress().getUrl()).isEqualTo(receiverUrl + "/team/default");

                    assertThat(post(broker.getStatus().getAddress().getUrl(), "o-1", "com.example.order")).isEqualTo(202);
                    assertThat(post(broker.getStatus().getAddress().getUrl(), "x-1", "com.example.other")).isEqualTo(202);
                    await().atMost(Duration.ofSeconds(30)).until(() -> delivered.contains("o-1"));
                    assertThat(delivered).containsExactly("o-1");
                }
                // RBAC: each role called exactly what its ClusterRole in deploy/rbac grants, nothing more or less
                Map<String, Set<String>> made = calls.drainSpelledByUserAgent();
                for (String role : List.of("eventing-receiver", "eventing-dispatcher")) {
                    assertThat(made.get(role)).as("calls of %s", role)
                            .isEqualTo(ClusterRoleGrants.of(Path.of("../deploy/rbac/" + role + ".yaml")));
                }
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** A client of the mock server that identifies itself as {@code role}, so its calls can be told apart. */
    private static KubernetesClient clientAs(String role) {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration())
                .withUserAgent(role).build()).build();
    }

    private static KubernetesSettings settings(String bootstrap) {
        return new KubernetesSettings(WispRoles.parse("eventing-receiver,eventing-dispatcher"), "wisp-system",
                "example.com", "127.0.0.1", 0, 0, bootstrap, "http://127.0.0.1:1", "127.0.0.1", 1, null);
    }

    private static <T extends HasMetadata> boolean ready(Class<T> type, String name) {
        T resource = client.resources(type).inNamespace("team").withName(name).get();
        return resource instanceof Trigger t && t.getStatus() != null && t.getStatus().isReady();
    }

    private static void installCrd(String name) throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("../deploy/crds/" + name + ".yaml"))) {
            CustomResourceDefinition crd = client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
            client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
        }
    }

    private static Broker broker() {
        Broker broker = new Broker();
        broker.setMetadata(new ObjectMetaBuilder().withNamespace("team").withName("default").build());
        broker.setSpec(new BrokerSpec());
        return broker;
    }

    private static Service service() {
        return Serialization.unmarshal("""
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata: {name: hello, namespace: team}
                spec:
                  template:
                    spec:
                      containers: [{image: registry.example/hello:1}]
                """, Service.class);
    }

    private static Trigger trigger(String name, Destination subscriber) {
        Trigger trigger = new Trigger();
        trigger.setMetadata(new ObjectMetaBuilder().withNamespace("team").withName(name).build());
        TriggerSpec spec = new TriggerSpec();
        spec.setBroker("default");
        spec.setSubscriber(subscriber);
        spec.setFilter(new TriggerFilter(Map.of("type", "com.example.order")));
        trigger.setSpec(spec);
        return trigger;
    }

    private static int post(String url, String id, String type) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString("{}"))
                .header("content-type", "application/json").header("ce-specversion", "1.0").header("ce-id", id)
                .header("ce-type", type).header("ce-source", "/test").build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
