package dev.wisp.activator;

import static dev.wisp.activator.ActivatorFixture.GENEROUS;
import static dev.wisp.activator.ActivatorFixture.revision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wisp.api.autoscaling.RevisionMetric;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.dataplane.WeightedRevision;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The per-revision samples a running activator sends to its metrics sink. */
class ActivatorMetricsTest {

    private static final RevisionKey HELLO = revision("hello-00001");
    private static final String HOST = "hello.default.localhost";
    private ActivatorFixture fixture;

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void reportsTrafficThenOneZeroSampleThenNothing() throws Exception {
        fixture = new ActivatorFixture(ActivatorSettings.defaults().withMetricsInterval(Duration.ofMillis(100)));
        fixture.instances.declare(HELLO, 0, Duration.ofSeconds(60));
        fixture.route(HOST, new WeightedRevision(HELLO, 100));
        fixture.readyInstance(HELLO, "hello-a");

        // One burst (sent together, so no idle interval can fall between them).
        List<java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>>> burst =
                java.util.stream.IntStream.range(0, 5).mapToObj(i -> fixture.getAsync(HOST, "/")).toList();
        assertThat(burst).allSatisfy(response -> assertThat(response.join().statusCode()).isEqualTo(200));

        await().atMost(GENEROUS).until(() -> endsWithZeroSample(fixture.metrics.reportsFor(HELLO)));
        List<RevisionMetric> reports = fixture.metrics.reportsFor(HELLO);
        assertThat(reports.stream().mapToLong(RevisionMetric::requests).sum()).isEqualTo(5);
        assertThat(reports.stream().filter(ActivatorMetricsTest::isIdle).count()).isEqualTo(1);
        int reported = reports.size();
        // Two more intervals pass (seen through another revision's samples): nothing more for the idle one.
        RevisionKey other = keepAnotherRevisionBusy();
        await().atMost(GENEROUS).until(() -> fixture.metrics.reportsFor(other).size() >= 3);
        assertThat(fixture.metrics.reportsFor(HELLO)).hasSize(reported);
    }

    @Test
    void waitingRequestsCountAsInFlight() throws Exception {
        fixture = new ActivatorFixture(ActivatorSettings.defaults().withMetricsInterval(Duration.ofMillis(100)));
        fixture.instances.declare(HELLO, 0, Duration.ofSeconds(60));
        fixture.route(HOST, new WeightedRevision(HELLO, 100));

        CompletableFuture<HttpResponse<String>> first = fixture.getAsync(HOST, "/");
        CompletableFuture<HttpResponse<String>> second = fixture.getAsync(HOST, "/");

        await().atMost(GENEROUS).until(() -> fixture.metrics.reportsFor(HELLO).stream()
                .anyMatch(m -> m.requests() == 0 && Math.abs(m.averageConcurrency() - 2.0) < 1e-9));
        fixture.readyInstance(HELLO, "hello-a");
        assertThat(first.join().statusCode()).isEqualTo(200);
        assertThat(second.join().statusCode()).isEqualTo(200);
    }

    private RevisionKey keepAnotherRevisionBusy() {
        RevisionKey other = revision("other-00001");
        fixture.instances.declare(other, 0, Duration.ofSeconds(60));
        fixture.route("other.default.localhost", new WeightedRevision(other, 100));
        fixture.getAsync("other.default.localhost", "/");
        return other;
    }

    private static boolean endsWithZeroSample(List<RevisionMetric> reports) {
        return !reports.isEmpty() && isIdle(reports.get(reports.size() - 1));
    }

    private static boolean isIdle(RevisionMetric metric) {
        return metric.requests() == 0 && metric.averageConcurrency() == 0;
    }
}
