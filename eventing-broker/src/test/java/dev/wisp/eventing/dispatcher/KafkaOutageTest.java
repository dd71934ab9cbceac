package dev.wisp.eventing.dispatcher;

import static dev.wisp.eventing.dispatcher.BrokerFixture.binaryHeaders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudevents.CloudEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kafka stopped and started again while the broker is idle: the ingress answers 503 meanwhile, then all works again. */
class KafkaOutageTest {

    @TempDir
    Path dir;

    @Test
    void ingressAnswers503WhileKafkaIsDownAndDeliveryResumesAfterItsRestart() throws Exception {
        try (BrokerFixture fixture = new BrokerFixture(dir);
             RecordingSubscriber subscriber = new RecordingSubscriber(fixture.vertx)) {
            fixture.broker("ns", "default");
            fixture.trigger("ns", "t", "default", e -> true, subscriber.target(), Optional.empty(),
                    new TestRetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(5)), false);
            assertThat(fixture.postBinary(fixture.brokerUrl("ns", "default"), binaryHeaders("before", "t"), "{}").statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> subscriber.events().size() == 1);

            fixture.kafka.stop();
            var whileDown = fixture.postBinary(fixture.brokerUrl("ns", "default"), binaryHeaders("lost", "t"), "{}");
            assertThat(whileDown.statusCode()).isEqualTo(503);
            assertThat(whileDown.body()).contains("Kafka not reachable");

            fixture.kafka.start();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                    fixture.postBinary(fixture.brokerUrl("ns", "default"), binaryHeaders("after", "t"), "{}").statusCode() == 202);
            await().atMost(Duration.ofSeconds(60)).until(() -> subscriber.events().stream().anyMatch(e -> e.getId().equals("after")));
            assertThat(subscriber.events()).extracting(CloudEvent::getId).contains("before", "after").doesNotContain("lost");
        }
    }
}
