package dev.wisp.platform.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wisp.api.eventing.duck.Destination;
import dev.wisp.api.eventing.v1.Broker;
import dev.wisp.api.eventing.v1.BrokerSpec;
import dev.wisp.api.eventing.v1.Trigger;
import dev.wisp.api.eventing.v1.TriggerFilter;
import dev.wisp.api.eventing.v1.TriggerSpec;
import dev.wisp.eventing.kafka.EmbeddedKafka;
import dev.wisp.eventing.kafka.EmbeddedKafkaSettings;
import dev.wisp.eventing.reconciler.EventingParts;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
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

    @TempDir
    Path dir;

    @Test
    void brokerAndTriggerCustomResourcesDeliverEventsAcrossTheTwoRoles() throws Exception {
        installCrd("brokers.eventing.knative.dev");
        installCrd("triggers.eventing.knative.dev");
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
            try (KubernetesEventing receiver = KubernetesEventing.start(client, vertx, settings(bootstrap),
                    new EventingParts(true, false, null), Clock.systemUTC())) {
                String receiverUrl = "http://127.0.0.1:" + receiver.receiverPort();
                try (KubernetesEventing dispatcher = KubernetesEventing.start(client, vertx, settings(bootstrap),
                        EventingParts.dispatcherOnly(receiverUrl), Clock.systemUTC())) {
                    client.resource(broker()).create();
                    client.resource(trigger("http://127.0.0.1:" + subscriberPort + "/")).create();

                    await().atMost(Duration.ofSeconds(60)).until(() -> ready(Trigger.class, "orders"));
                    Broker broker = client.resources(Broker.class).inNamespace("team").withName("default").get();
                    assertThat(broker.getStatus().isReady()).isTrue();
                    assertThat(broker.getStatus().getAddress().getUrl()).isEqualTo(receiverUrl + "/team/default");

                    assertThat(post(broker.getStatus().getAddress().getUrl(), "o-1", "com.example.order")).isEqualTo(202);
                    assertThat(post(broker.getStatus().getAddress().getUrl(), "x-1", "com.example.other")).isEqualTo(202);
                    await().atMost(Duration.ofSeconds(30)).until(() -> delivered.contains("o-1"));
                    assertThat(delivered).containsExactly("o-1");
                }
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
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

    private static Trigger trigger(String uri) {
        Trigger trigger = new Trigger();
        trigger.setMetadata(new ObjectMetaBuilder().withNamespace("team").withName("orders").build());
        TriggerSpec spec = new TriggerSpec();
        spec.setBroker("default");
        spec.setSubscriber(Destination.ofUri(uri));
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
