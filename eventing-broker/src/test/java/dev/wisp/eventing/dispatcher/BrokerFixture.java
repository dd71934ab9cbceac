package dev.wisp.eventing.dispatcher;

import static org.awaitility.Awaitility.await;

import dev.wisp.eventing.kafka.BrokerTopics;
import dev.wisp.eventing.kafka.EmbeddedKafka;
import dev.wisp.eventing.kafka.KafkaEventPublisher;
import dev.wisp.eventing.kafka.KafkaNames;
import dev.wisp.eventing.kafka.KafkaTestSupport;
import dev.wisp.eventing.kafka.TopicSettings;
import dev.wisp.eventing.receiver.BrokerIngress;
import dev.wisp.eventing.receiver.BrokerReceiver;
import dev.wisp.eventing.receiver.ConcurrentBrokerDirectory;
import dev.wisp.eventing.receiver.ReceiverSettings;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A whole broker data plane on a real Kafka for tests: embedded Kafka, receiver, dispatcher,
 * topics; with helpers to create Brokers and Triggers and to post events over HTTP.
 */
public final class BrokerFixture implements AutoCloseable {
    public final EmbeddedKafka kafka;
    public final Vertx vertx = Vertx.vertx();
    public final KafkaEventPublisher publisher;
    public final BrokerTopics topics;
    public final ConcurrentBrokerDirectory brokers = new ConcurrentBrokerDirectory();
    public final BrokerReceiver receiver;
    public final Dispatcher dispatcher;
    public final int receiverPort;
    /** Where the dispatcher publishes its per-Trigger meters. */
    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final HttpClient http = HttpClient.newHttpClient();

    public BrokerFixture(Path dir) throws Exception {
        kafka = new EmbeddedKafka(KafkaTestSupport.settings(dir));
        String bootstrap = kafka.start();
        publisher = new KafkaEventPublisher(bootstrap, "test-receiver");
        topics = new BrokerTopics(bootstrap, new TopicSettings(3, Duration.ofHours(1), Duration.ofHours(1)));
        receiver = new BrokerReceiver(vertx, ReceiverSettings.defaults().withPort(0), brokers, publisher);
        receiverPort = receiver.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        dispatcher = new Dispatcher(vertx, bootstrap, publisher, Clock.systemUTC());
        dispatcher.publishMetrics(meters);
    }

    public String broker(String namespace, String name) {
        String topic = topics.ensureBrokerTopic(namespace, name);
        brokers.register(new BrokerIngress(namespace, name, topic));
        return topic;
    }

    public TriggerSubscription trigger(String namespace, String name, String broker, Predicate<CloudEvent> filter,
                                       DeliveryTarget subscriber, Optional<DeliveryTarget> deadLetterSink,
                                       RetryPolicy retry, boolean ordered) {
        String parked = topics.ensureParkedTopic(namespace, name);
        TriggerSubscription trigger = new TriggerSubscription(namespace, name, 1, KafkaNames.brokerTopic(namespace, broker),
                filter, subscriber, deadLetterSink, retry, ordered, 100, parked);
        dispatcher.apply(trigger);
        await().atMost(Duration.ofSeconds(60)).until(() -> dispatcher.isReady(namespace, name));
        return trigger;
    }

    public URI brokerUrl(String namespace, String name) {
        return URI.create("http://127.0.0.1:" + receiverPort + "/" + namespace + "/" + name);
    }

    /** POSTs a binary-mode event: {@code ce-} headers from the map, the body as data. */
    public HttpResponse<String> postBinary(URI url, Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public static Map<String, String> binaryHeaders(String id, String type) {
        return Map.of("ce-specversion", "1.0", "ce-id", id, "ce-type", type, "ce-source", "/test",
                "content-type", "application/json");
    }

    @Override
    public void close() {
        dispatcher.close();
        receiver.stop();
        publisher.close();
        topics.close();
        vertx.close();
        kafka.close();
    }
}
