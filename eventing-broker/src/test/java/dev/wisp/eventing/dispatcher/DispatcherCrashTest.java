package dev.wisp.eventing.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wisp.eventing.kafka.BrokerTopics;
import dev.wisp.eventing.kafka.EmbeddedKafka;
import dev.wisp.eventing.kafka.KafkaEventPublisher;
import dev.wisp.eventing.kafka.KafkaTestSupport;
import dev.wisp.eventing.kafka.TopicSettings;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGKILL of the JVM running the dispatcher in the middle of 5,000 events loses none of them. */
class DispatcherCrashTest {
    private static final int EVENTS = 5_000;

    @TempDir
    Path dir;

    @Test
    void everyEventIsDeliveredAfterTheDispatcherProcessIsKilledAndStartedAgain() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (EmbeddedKafka kafka = new EmbeddedKafka(KafkaTestSupport.settings(dir.resolve("kafka")));
             RecordingSubscriber subscriber = new RecordingSubscriber(vertx)) {
            subscriber.delay(Duration.ofMillis(40));
            String bootstrap = kafka.start();
            String topic;
            String parked;
            try (BrokerTopics topics = new BrokerTopics(bootstrap, new TopicSettings(3, Duration.ofHours(1), Duration.ofHours(1)))) {
                topic = topics.ensureBrokerTopic("crash", "default");
                parked = topics.ensureParkedTopic("crash", "t");
            }
            Process first = startDispatcher(bootstrap, topic, parked, subscriber.url());
            List<CompletableFuture<Long>> acks = new ArrayList<>();
            try (KafkaEventPublisher publisher = new KafkaEventPublisher(bootstrap, "crash-producer")) {
                for (int i = 0; i < EVENTS; i++) {
                    acks.add(publisher.publish(topic, event(i)).toCompletableFuture());
                }
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                    .until(() -> subscriber.events().size() >= EVENTS / 4);
            first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            int deliveredBeforeKill = distinctIds(subscriber);
            assertThat(deliveredBeforeKill).isLessThan(EVENTS);

            Process second = startDispatcher(bootstrap, topic, parked, subscriber.url());
            try {
                await().atMost(Duration.ofSeconds(120)).until(() -> distinctIds(subscriber) == EVENTS);
            } finally {
                second.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            int duplicates = subscriber.events().size() - EVENTS;
            System.out.printf("dispatcher crash: events=%d deliveredBeforeKill=%d received=%d duplicates=%d%n",
                    EVENTS, deliveredBeforeKill, subscriber.events().size(), duplicates);
            assertThat(distinctIds(subscriber)).isEqualTo(EVENTS);
        } finally {
            vertx.close();
        }
    }

    private static int distinctIds(RecordingSubscriber subscriber) {
        return (int) subscriber.events().stream().map(CloudEvent::getId).distinct().count();
    }

    private static CloudEvent event(int i) {
        return CloudEventBuilder.v1().withId("e-" + i).withType("crash.test").withSource(URI.create("/crash"))
                .withData("application/json", ("{\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8)).build();
    }

    private Process startDispatcher(String bootstrap, String topic, String parked, String url) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), DispatcherProcess.class.getName(),
                bootstrap, topic, parked, url)
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread drain = new Thread(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) { // keeps draining so the child never blocks on its output
                    if (line.contains("READY")) {
                        ready.complete(null);
                    }
                }
            } catch (java.io.IOException e) {
                // the child was killed
            }
            ready.complete(null);
        });
        drain.setDaemon(true);
        drain.start();
        ready.get(60, TimeUnit.SECONDS);
        assertThat(process.isAlive()).as("dispatcher process started").isTrue();
        return process;
    }
}
