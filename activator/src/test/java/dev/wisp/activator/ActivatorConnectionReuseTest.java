package dev.wisp.activator;

import static dev.wisp.activator.ActivatorFixture.revision;
import static dev.wisp.activator.ScriptedInstance.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wisp.api.dataplane.RevisionKey;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An instance connection handed straight from one exchange to the next waiting one (containerConcurrency
 * 1, one event loop: the next exchange starts while the first one's answer is being settled) must carry
 * nothing of the first exchange into the second, nor the second's connection rules back to the first client.
 */
class ActivatorConnectionReuseTest {

    private static final RevisionKey HELLO = revision("hello-00001");
    private static final String HOST = "hello.default.localhost:8080";
    private ActivatorFixture fixture;
    private final AtomicInteger received = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        fixture = new ActivatorFixture(ActivatorSettings.defaults().withEventLoops(1));
        fixture.serveOnly("hello.default.localhost", HELLO, 1);
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void aClientKeepsItsConnectionAndPipelinedRequestWhenTheNextQueuedRequestAsksToClose() throws Exception {
        instance("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nfirst\r\n0\r\n\r\n");

        try (RawHttp first = connect(); RawHttp queued = connect()) {
            first.send("GET /slow HTTP/1.1\r\nHost: " + HOST + "\r\n\r\nGET /again HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> received.get() == 1);
            queued.send("GET /next HTTP/1.1\r\nHost: " + HOST + "\r\nConnection: close\r\n\r\n");

            RawHttp.Response answer = first.read();
            RawHttp.Response pipelined = first.read();
            RawHttp.Response next = queued.read();

            assertThat(answer.bodyText()).isEqualTo("first");
            assertThat(answer.header("connection")).isNull();
            assertThat(pipelined.bodyText()).isEqualTo("next");
            assertThat(next.bodyText()).isEqualTo("next");
            assertThat(next.header("connection")).isEqualToIgnoringCase("close");
        }
    }

    @Test
    void bytesAnInstanceSentPastAnAnswerNeverReachTheNextExchange() throws Exception {
        instance("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nfirst\r\n0\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nstale");

        try (RawHttp first = connect(); RawHttp queued = connect()) {
            first.send("GET /slow HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> received.get() == 1);
            queued.send("GET /next HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n");

            RawHttp.Response answer = first.read();
            RawHttp.Response next = queued.read();

            assertThat(answer.bodyText()).isEqualTo("first");
            assertThat(next.bodyText()).isEqualTo("next");
        }
    }

    /** An instance answering /slow with {@code slow} after 300 ms (so the next request queues), else "next". */
    private void instance(String slow) throws Exception {
        ScriptedInstance instance = ScriptedInstance.start(fixture.vertx, (socket, request) -> {
            received.incrementAndGet();
            if (request.path().equals("/slow")) {
                fixture.vertx.setTimer(300, t -> socket.write(bytes(slow)));
            } else {
                socket.write(bytes("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nnext"));
            }
        });
        fixture.instances.addReady(HELLO, instance.endpoint());
    }

    private RawHttp connect() throws Exception {
        return new RawHttp(fixture.activator.port());
    }
}
