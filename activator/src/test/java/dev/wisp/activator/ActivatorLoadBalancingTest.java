package dev.wisp.activator;

import static dev.wisp.activator.ActivatorFixture.revision;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.dataplane.WeightedRevision;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spreading slow requests over instances with a concurrency limit, across two event loops. */
class ActivatorLoadBalancingTest {

    private static final RevisionKey HELLO = revision("hello-00001");
    private static final String HOST = "hello.default.localhost";
    private ActivatorFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new ActivatorFixture(ActivatorSettings.defaults().withEventLoops(2));
        fixture.route(HOST, new WeightedRevision(HELLO, 100));
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void slowRequestsSpreadOverAllInstancesWithNoneAboveItsLimit() throws Exception {
        fixture.instances.declare(HELLO, 2, Duration.ofSeconds(120));
        List<UpstreamServer> instances = new ArrayList<>();
        for (String id : List.of("a", "b", "c", "d")) {
            UpstreamServer upstream = fixture.keep(UpstreamServer.start(fixture.vertx, id,
                    request -> fixture.vertx.setTimer(40, t -> request.response().end(id))));
            fixture.instances.addReady(HELLO, upstream.endpoint());
            instances.add(upstream);
        }

        List<CompletableFuture<HttpResponse<String>>> responses = IntStream.range(0, 400)
                .mapToObj(i -> fixture.getAsync(HOST, "/slow/" + i)).toList();

        assertThat(responses).allSatisfy(r -> assertThat(r.join().statusCode()).isEqualTo(200));
        assertThat(instances).allSatisfy(instance -> {
            assertThat(instance.maxInFlight).as("most requests at once on one instance").hasValue(2);
            assertThat(instance.served.get()).as("requests served by one instance").isBetween(60, 140);
        });
        assertThat(instances.stream().mapToInt(i -> i.served.get()).sum()).isEqualTo(400);
    }
}
