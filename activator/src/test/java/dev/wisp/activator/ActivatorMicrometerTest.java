package dev.wisp.activator;

import static dev.wisp.activator.ActivatorFixture.revision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.dataplane.WeightedRevision;
import io.micrometer.core.instrument.Timer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The activator's Micrometer meters, read from a real registry after real traffic. */
class ActivatorMicrometerTest {

    private static final RevisionKey HELLO = revision("hello-00001");
    private static final String HOST = "hello.default.localhost";
    private ActivatorFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new ActivatorFixture();
        fixture.route(HOST, new WeightedRevision(HELLO, 100));
        fixture.instances.declare(HELLO, 0, Duration.ofSeconds(60));
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void requestsByStatusClassLatencyQueueDepthAndColdStartWaitAreRecorded() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> cold = IntStream.range(0, 3)
                .mapToObj(i -> fixture.getAsync(HOST, "/")).toList();
        await().atMost(Duration.ofSeconds(30)).until(() -> queueDepth() == 3.0);
        fixture.instances.addReady(HELLO, fixture.keep(UpstreamServer.start(fixture.vertx, "a",
                request -> request.response().setStatusCode(request.path().equals("/missing") ? 404 : 200).end())).endpoint());
        cold.forEach(CompletableFuture::join);
        fixture.get(HOST, "/missing");

        assertThat(queueDepth()).isZero();
        // An exchange is counted when it settles on its loop, which may be just after its client read the response.
        Timer latency = fixture.registry.get("wisp.activator.request.duration").tag("revision", "hello-00001").timer();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(counter("2xx")).isEqualTo(3.0);
            assertThat(counter("4xx")).isEqualTo(1.0);
            assertThat(latency.count()).isEqualTo(4);
        });
        Timer coldStart = fixture.registry.get("wisp.activator.cold.start.wait").tag("revision", "hello-00001").timer();
        assertThat(coldStart.count()).isEqualTo(3);
        assertThat(coldStart.totalTime(TimeUnit.NANOSECONDS)).isPositive();
    }

    private double queueDepth() {
        var gauge = fixture.registry.find("wisp.activator.queue.depth").tag("revision", "hello-00001").gauge();
        return gauge == null ? -1 : gauge.value();
    }

    private double counter(String statusClass) {
        return fixture.registry.get("wisp.activator.requests").tag("revision", "hello-00001")
                .tag("status_class", statusClass).counter().count();
    }
}
