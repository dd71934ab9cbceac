package dev.wisp.eventing.dispatcher;

import static dev.wisp.eventing.dispatcher.BrokerFixture.binaryHeaders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events posted to the broker ingress reach subscribers through a real Kafka, with retries, dead letters and parking. */
class BrokerDeliveryTest {
    private static final RetryPolicy FAST_RETRIES = new TestRetryPolicy(20, Duration.ofMillis(100), Duration.ofSeconds(5));
    private static final RetryPolicy NO_RETRIES = new TestRetryPolicy(0, Duration.ofMillis(100), Duration.ofSeconds(5));

    @TempDir
    static Path dir;
    static BrokerFixture fixture;

    @BeforeAll
    static void startKafka() throws Exception {
        fixture = new BrokerFixture(dir);
    }

    @AfterAll
    static void stopKafka() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void binaryAndStructuredEventsReachTheSubscriberWithEveryAttributeAndTheirData() throws Exception {
        fixture.broker("ns1", "default");
        try (RecordingSubscriber subscriber = new RecordingSubscriber(fixture.vertx)) {
            fixture.trigger("ns1", "all", "default", e -> true, subscriber.target(), Optional.empty(), FAST_RETRIES, false);
            Map<String, String> headers = new HashMap<>(binaryHeaders("b-1", "com.example.order"));
            headers.put("ce-subject", "order 42");
            headers.put("ce-time", "2024-05-01T10:00:00Z");
            headers.put("ce-dataschema", "https://example.com/schema");
            headers.put("ce-region", "eu%20west");
            assertThat(fixture.postBinary(fixture.brokerUrl("ns1", "default"), headers, "{\"n\":42}").statusCode()).isEqualTo(202);
            String structured = """
                    {"specversion":"1.0","id":"s-1","type":"com.example.structured","source":"/src","subject":"s",
                     "datacontenttype":"application/json","color":"red","data":{"k":"v"}}""";
            var response = fixture.send(HttpRequest.newBuilder(fixture.brokerUrl("ns1", "default"))
                    .header("content-type", "application/cloudevents+json")
                    .POST(HttpRequest.BodyPublishers.ofString(structured)).build());
            assertThat(response.statusCode()).isEqualTo(202);

            await().atMost(Duration.ofSeconds(30)).until(() -> subscriber.events().size() >= 2);
            CloudEvent binary = byId(subscriber.events(), "b-1");
            assertThat(binary.getType()).isEqualTo("com.example.order");
            assertThat(binary.getSource()).isEqualTo(URI.create("/test"));
            assertThat(binary.getSubject()).isEqualTo("order 42");
            assertThat(binary.getTime()).isNotNull();
            assertThat(binary.getTime().toInstant()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
            assertThat(binary.getDataSchema()).isEqualTo(URI.create("https://example.com/schema"));
            assertThat(binary.getExtension("region")).isEqualTo("eu west");
            assertThat(binary.getDataContentType()).isEqualTo("application/json");
            assertThat(new String(binary.getData().toBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":42}");
            CloudEvent fromStructured = byId(subscriber.events(), "s-1");
            assertThat(fromStructured.getExtension("color")).isEqualTo("red");
            assertThat(fromStructured.getSubject()).isEqualTo("s");
            assertThat(new String(fromStructured.getData().toBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"k\":\"v\"}");
            await().atMost(Duration.ofSeconds(10)).until(() -> fixture.dispatcher.metrics("ns1", "all").orElseThrow().delivered() == 2);
        }
    }

    @Test
    void theIngressRejectsWhatIsNotAValidEventForAnExistingBroker() throws Exception {
        fixture.broker("ns2", "default");
        URI url = fixture.brokerUrl("ns2", "default");
        Map<String, String> noId = new HashMap<>(binaryHeaders("x", "t"));
        noId.remove("ce-id");
        assertThat(fixture.postBinary(url, noId, "{}").statusCode()).isEqualTo(400);
        Map<String, String> emptyType = new HashMap<>(binaryHeaders("x", "t"));
        emptyType.put("ce-type", "");
        var empty = fixture.postBinary(url, emptyType, "{}");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("type");
        Map<String, String> badEncoding = new HashMap<>(binaryHeaders("x", "t"));
        badEncoding.put("ce-subject", "100%zz");
        var bad = fixture.postBinary(url, badEncoding, "{}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("percent-encoding").doesNotContain("\n\n");
        var invalidJson = fixture.send(HttpRequest.newBuilder(url).header("content-type", "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"specversion\":")).build());
        assertThat(invalidJson.statusCode()).isEqualTo(400);
        assertThat(fixture.postBinary(fixture.brokerUrl("ns2", "nope"), binaryHeaders("x", "t"), "{}").statusCode()).isEqualTo(404);
        assertThat(fixture.send(HttpRequest.newBuilder(url).GET().build()).statusCode()).isEqualTo(405);
        String big = "x".repeat(1024 * 1024 + 1);
        assertThat(fixture.postBinary(url, binaryHeaders("x", "t"), big).statusCode()).isEqualTo(413);
        assertThat(fixture.postBinary(url, binaryHeaders("x", "t"), "{}").statusCode()).isEqualTo(202);
    }

    @Test
    void aSubscriberFailingWith503ForSecondsGetsTheEventAfterRetries() throws Exception {
        fixture.broker("ns3", "default");
        try (RecordingSubscriber subscriber = new RecordingSubscriber(fixture.vertx)) {
            Instant healthyAt = Instant.now().plusSeconds(3);
            subscriber.answer(e -> Instant.now().isBefore(healthyAt) ? 503 : 200);
            fixture.trigger("ns3", "flaky", "default", e -> true, subscriber.target(), Optional.empty(), FAST_RETRIES, false);
            assertThat(fixture.postBinary(fixture.brokerUrl("ns3", "default"), binaryHeaders("r-1", "t"), "{}").statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> fixture.dispatcher.metrics("ns3", "flaky").orElseThrow().delivered() == 1);
            TriggerMetrics.Snapshot metrics = fixture.dispatcher.metrics("ns3", "flaky").orElseThrow();
            assertThat(metrics.retried()).isGreaterThanOrEqualTo(2);
            assertThat(metrics.parked()).isZero();
            assertThat(subscriber.events().size()).isEqualTo((int) metrics.retried() + 1);
            var tags = io.micrometer.core.instrument.Tags.of("namespace", "ns3", "trigger", "flaky");
            assertThat(fixture.meters.get("wisp.trigger.events.retried").tags(tags).functionCounter().count())
                    .isEqualTo(metrics.retried());
            assertThat(fixture.meters.get("wisp.trigger.events.delivered").tags(tags).functionCounter().count()).isEqualTo(1);
            assertThat(fixture.meters.get("wisp.trigger.delivery.latency").tags(tags).timer().totalTime(java.util.concurrent.TimeUnit.SECONDS))
                    .as("delivered only after about 3 s of 503s").isGreaterThan(2.0);
        }
    }

    @Test
    void a400GoesStraightToTheDeadLetterSinkWithTheErrorExtensions() throws Exception {
        fixture.broker("ns4", "default");
        try (RecordingSubscriber subscriber = new RecordingSubscriber(fixture.vertx);
             RecordingSubscriber sink = new RecordingSubscriber(fixture.vertx)) {
            subscriber.answer(e -> 400);
            fixture.trigger("ns4", "rejecting", "default", e -> true, subscriber.target(), Optional.of(sink.target()),
                    FAST_RETRIES, false);
            assertThat(fixture.postBinary(fixture.brokerUrl("ns4", "default"), binaryHeaders("d-1", "t"), "{}").statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> sink.events().size() == 1);
            CloudEvent dead = sink.events().get(0);
            assertThat(dead.getId()).isEqualTo("d-1");
            assertThat(dead.getExtension("knativeerrordest")).isEqualTo(subscriber.url());
            assertThat(dead.getExtension("knativeerrorcode")).isEqualTo("400");
            assertThat(new String(Base64.getDecoder().decode(dead.getExtension("knativeerrordata").toString()),
                    StandardCharsets.UTF_8)).isEqualTo("failure 400");
            assertThat(subscriber.events()).hasSize(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> fixture.dispatcher.metrics("ns4", "rejecting").orElseThrow().deadLettered() == 1);
            assertThat(fixture.dispatcher.metrics("ns4", "rejecting").orElseThrow().retried()).isZero();
        }
    }

    @Test
    void withoutASinkAnUndeliverableEventIsParkedThenReplayed() throws Exception {
        fixture.broker("ns5", "default");
        try (RecordingSubscriber subscriber = new RecordingSubscriber(fixture.vertx)) {
            subscriber.answer(e -> 500);
            fixture.trigger("ns5", "parking", "default", e -> true, subscriber.target(), Optional.empty(), NO_RETRIES, false);
            for (String id : List.of("p-1", "p-2")) {
                assertThat(fixture.postBinary(fixture.brokerUrl("ns5", "default"), binaryHeaders(id, "t"), "{}").statusCode()).isEqualTo(202);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> fixture.dispatcher.metrics("ns5", "parking").orElseThrow().parked() == 2);
            List<ParkedEvent> parked = fixture.dispatcher.parked("ns5", "parking").orElseThrow();
            assertThat(parked).extracting(p -> p.event().getId()).containsExactlyInAnyOrder("p-1", "p-2");
            assertThat(parked.get(0).reason()).contains("answered 500").contains("no dead-letter sink");

            subscriber.answer(e -> 200);
            ReplayResult replay = fixture.dispatcher.replay("ns5", "parking").orElseThrow();
            assertThat(replay.replayed()).isEqualTo(2);
            assertThat(replay.resolutions()).containsEntry(Resolution.DELIVERED, 2);
            assertThat(subscriber.events()).extracting(CloudEvent::getId).containsOnly("p-1", "p-2").hasSize(4);
            assertThat(fixture.dispatcher.parked("ns5", "parking").orElseThrow()).isEmpty();
        }
    }

    @Test
    void aReplyEventGoesBackToTheBrokerAndReachesASecondTrigger() throws Exception {
        fixture.broker("ns6", "default");
        try (RecordingSubscriber first = new RecordingSubscriber(fixture.vertx);
             RecordingSubscriber second = new RecordingSubscriber(fixture.vertx)) {
            first.reply(e -> Optional.of(CloudEventBuilder.v1().withId("reply-to-" + e.getId()).withType("com.example.reply")
                    .withSource(URI.create("/first")).withData("text/plain", "pong".getBytes(StandardCharsets.UTF_8)).build()));
            fixture.trigger("ns6", "requests", "default", e -> e.getType().equals("com.example.request"), first.target(),
                    Optional.empty(), FAST_RETRIES, false);
            fixture.trigger("ns6", "replies", "default", e -> e.getType().equals("com.example.reply"), second.target(),
                    Optional.empty(), FAST_RETRIES, false);
            assertThat(fixture.postBinary(fixture.brokerUrl("ns6", "default"), binaryHeaders("q-1", "com.example.request"), "{}")
                    .statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> second.events().size() == 1);
            assertThat(second.events().get(0).getId()).isEqualTo("reply-to-q-1");
            assertThat(new String(second.events().get(0).getData().toBytes(), StandardCharsets.UTF_8)).isEqualTo("pong");
            assertThat(first.events()).extracting(CloudEvent::getId).containsExactly("q-1");
        }
    }

    @Test
    void orderedDeliveryKeepsTheOrderOfAPartitionKey() throws Exception {
        fixture.broker("ns7", "default");
        try (RecordingSubscriber subscriber = new RecordingSubscriber(fixture.vertx)) {
            AtomicBoolean slowFirst = new AtomicBoolean(true);
            subscriber.answer(e -> slowFirst.getAndSet(false) ? 503 : 200); // the first event is retried: later ones wait
            fixture.trigger("ns7", "ordered", "default", e -> true, subscriber.target(), Optional.empty(), FAST_RETRIES, true);
            for (int i = 0; i < 20; i++) {
                Map<String, String> headers = new HashMap<>(binaryHeaders("o-" + i, "t"));
                headers.put("ce-partitionkey", "customer-7");
                assertThat(fixture.postBinary(fixture.brokerUrl("ns7", "default"), headers, "{}").statusCode()).isEqualTo(202);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> fixture.dispatcher.metrics("ns7", "ordered").orElseThrow().delivered() == 20);
            List<String> firstDeliveries = subscriber.events().stream().map(CloudEvent::getId).distinct().toList();
            assertThat(firstDeliveries).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20).mapToObj(i -> "o-" + i).toList());
        }
    }

    private static CloudEvent byId(List<CloudEvent> events, String id) {
        return events.stream().filter(e -> e.getId().equals(id)).findFirst().orElseThrow();
    }
}
