package dev.wisp.activator;

import static dev.wisp.activator.ActivatorFixture.revision;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.dataplane.WeightedRevision;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Knative's responseStartTimeoutSeconds and idleTimeoutSeconds, enforced on real upstreams. */
class ActivatorUpstreamTimeoutsTest {

    private static final RevisionKey HELLO = revision("hello-00001");
    private static final String HOST = "hello.default.localhost";
    private ActivatorFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new ActivatorFixture();
        fixture.route(HOST, new WeightedRevision(HELLO, 100));
        fixture.instances.declare(HELLO, 0, Duration.ofSeconds(60), Duration.ofMillis(500), Duration.ofMillis(700));
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void anInstanceThatDoesNotStartRespondingGets504NamingTheSetting() throws Exception {
        fixture.instances.addReady(HELLO, fixture.keep(UpstreamServer.start(fixture.vertx, "mute", request -> {
        })).endpoint());

        HttpResponse<String> response = fixture.get(HOST, "/");

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.body()).isEqualTo("revision default/hello-00001 did not start responding within 500ms"
                + " (responseStartTimeoutSeconds)\n");
    }

    @Test
    void aStreamWithPausesShorterThanTheIdleTimeoutCompletes() throws Exception {
        fixture.instances.addReady(HELLO, fixture.keep(UpstreamServer.start(fixture.vertx, "slow-stream", request -> {
            request.response().setChunked(true).write("a");
            fixture.vertx.setTimer(400, t -> request.response().write("b"));
            fixture.vertx.setTimer(800, t -> request.response().write("c"));
            fixture.vertx.setTimer(1200, t -> request.response().end("d"));
        })).endpoint());

        HttpResponse<String> response = fixture.get(HOST, "/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("abcd");
    }

    @Test
    void aStreamSilentLongerThanTheIdleTimeoutIsCutOff() throws Exception {
        fixture.instances.addReady(HELLO, fixture.keep(UpstreamServer.start(fixture.vertx, "stalls", request -> {
            request.response().setChunked(true).write("a");
            fixture.vertx.setTimer(5000, t -> request.response().end("late"));
        })).endpoint());

        long started = System.nanoTime();
        Throwable failure = null;
        try {
            fixture.get(HOST, "/");
        } catch (java.io.IOException cutOff) {
            failure = cutOff;
        }

        assertThat(failure).as("the response was reset").isNotNull();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(4500));
    }
}
