package dev.wisp.eventing.reconciler;

import dev.wisp.api.testing.MemoryStore;
import static dev.wisp.eventing.dispatcher.BrokerFixture.binaryHeaders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wisp.api.eventing.duck.Destination;
import dev.wisp.api.eventing.v1.Broker;
import dev.wisp.api.eventing.v1.BrokerSpec;
import dev.wisp.api.eventing.v1.Trigger;
import dev.wisp.api.eventing.v1.TriggerFilter;
import dev.wisp.api.eventing.v1.TriggerSpec;
import dev.wisp.api.eventing.v1.TriggerStatus;
import dev.wisp.eventing.dispatcher.RecordingSubscriber;
import dev.wisp.eventing.kafka.BrokerTopics;
import dev.wisp.eventing.kafka.EmbeddedKafka;
import dev.wisp.eventing.kafka.KafkaTestSupport;
import dev.wisp.eventing.kafka.TopicSettings;
import dev.wisp.eventing.receiver.ReceiverSettings;
import io.cloudevents.CloudEvent;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Brokers and Triggers applied to the store become topics, an ingress URL and running dispatchers on a real Kafka. */
class EventingControllerTest {

    @TempDir
    Path dir;

    @Test
    void appliedBrokerAndTriggerDeliverEventsReportCountsAndAreCleanedUpOnDelete() throws Exception {
        MemoryStore store = new MemoryStore();
        Vertx vertx = Vertx.vertx();
        try (EmbeddedKafka kafka = new EmbeddedKafka(KafkaTestSupport.settings(dir))) {
            String bootstrap = kafka.start();
            EventingSettings settings = new EventingSettings(bootstrap, ReceiverSettings.defaults().withPort(0), "localhost",
                    "127.0.0.1", 1, new TopicSettings(2, Duration.ofHours(1), Duration.ofHours(1)), 10,
                    Duration.ofSeconds(30), Duration.ofMillis(300));
            try (EventingController controller = new EventingController(store, vertx, settings, Clock.systemUTC());
                 RecordingSubscriber subscriber = new RecordingSubscriber(vertx);
                 BrokerTopics topics = new BrokerTopics(bootstrap, settings.topics())) {
                int port = controller.start();
                store.create(broker("team", "default"));
                store.create(trigger("team", "orders", "default", subscriber.url(), Map.of("type", "com.example.order")));

                await().atMost(Duration.ofSeconds(60)).until(() -> store.get(Trigger.class, "team", "orders")
                        .map(t -> t.getStatus() != null && t.getStatus().isReady()).orElse(false));
                Broker ready = store.get(Broker.class, "team", "default").orElseThrow();
                assertThat(ready.getStatus().isReady()).isTrue();
                String url = ready.getStatus().getAddress().getUrl();
                assertThat(url).isEqualTo("http://127.0.0.1:" + port + "/team/default");
                assertThat(topics.topicExists("wisp-broker-team-default")).isTrue();
                assertThat(store.get(Trigger.class, "team", "orders").orElseThrow().getStatus().getSubscriberUri())
                        .isEqualTo(subscriber.url());

                assertThat(post(url, "o-1", "com.example.order")).isEqualTo(202);
                assertThat(post(url, "x-1", "com.example.other")).isEqualTo(202);
                await().atMost(Duration.ofSeconds(30)).until(() -> subscriber.events().size() == 1);
                assertThat(subscriber.events()).extracting(CloudEvent::getId).containsExactly("o-1");
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    TriggerStatus status = store.get(Trigger.class, "team", "orders").orElseThrow().getStatus();
                    return status.getDeliveryCounts() != null && status.getDeliveryCounts().delivered() == 1
                            && status.getDeliveryCounts().filtered() == 1 && status.getDeliveryCounts().lag() == 0;
                });

                store.delete(Trigger.class, "team", "orders");
                await().atMost(Duration.ofSeconds(30)).until(() -> !topics.topicExists("wisp-trigger-team-orders-parked"));
                store.delete(Broker.class, "team", "default");
                await().atMost(Duration.ofSeconds(30)).until(() -> !topics.topicExists("wisp-broker-team-default"));
                assertThat(post(url, "o-2", "com.example.order")).isEqualTo(404);
            }
        } finally {
            vertx.close();
        }
    }

    @Test
    void aTriggerOfAMissingBrokerIsNotReadyAndSaysWhy() throws Exception {
        MemoryStore store = new MemoryStore();
        Vertx vertx = Vertx.vertx();
        try (EmbeddedKafka kafka = new EmbeddedKafka(KafkaTestSupport.settings(dir))) {
            EventingSettings settings = EventingSettings.defaults(kafka.start(), "localhost", 1)
                    .withReceiver(ReceiverSettings.defaults().withPort(0));
            try (EventingController controller = new EventingController(store, vertx, settings, Clock.systemUTC())) {
                controller.start();
                store.create(trigger("team", "lonely", "absent", "http://127.0.0.1:1/", Map.of()));
                await().atMost(Duration.ofSeconds(30)).until(() -> store.get(Trigger.class, "team", "lonely")
                        .map(t -> t.getStatus() != null && t.getStatus().condition(TriggerStatus.BROKER_READY)
                                .map(c -> "BrokerDoesNotExist".equals(c.getReason())).orElse(false)).orElse(false));
                assertThat(store.get(Trigger.class, "team", "lonely").orElseThrow().getStatus().isReady()).isFalse();
            }
        } finally {
            vertx.close();
        }
    }

    private static int post(String url, String id, String type) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString("{}"));
        binaryHeaders(id, type).forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static Broker broker(String namespace, String name) {
        Broker broker = new Broker();
        broker.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
        broker.setSpec(new BrokerSpec());
        return broker;
    }

    static Trigger trigger(String namespace, String name, String broker, String uri, Map<String, String> attributes) {
        Trigger trigger = new Trigger();
        trigger.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
        TriggerSpec spec = new TriggerSpec();
        spec.setBroker(broker);
        spec.setSubscriber(Destination.ofUri(uri));
        if (!attributes.isEmpty()) {
            spec.setFilter(new TriggerFilter(attributes));
        }
        trigger.setSpec(spec);
        return trigger;
    }
}
