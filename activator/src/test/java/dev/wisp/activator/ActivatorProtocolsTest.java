package dev.wisp.activator;

import static dev.wisp.activator.ActivatorFixture.revision;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.dataplane.WeightedRevision;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Protocols through a running activator: WebSocket pass-through, h2c by upgrade, server-sent events. */
class ActivatorProtocolsTest {

    private static final RevisionKey HELLO = revision("hello-00001");
    private static final String HOST = "hello.default.localhost";
    private ActivatorFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new ActivatorFixture();
        fixture.instances.declare(HELLO, 0, Duration.ofSeconds(30));
        fixture.route(HOST, new WeightedRevision(HELLO, 100));
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void webSocketMessagesAreEchoedThroughTheActivator() throws Exception {
        fixture.instances.addReady(HELLO, fixture.keep(UpstreamServer.startWebSocket(fixture.vertx, "ws",
                socket -> socket.textMessageHandler(text -> socket.writeTextMessage("echo:" + text)))).endpoint());
        HttpClient client = fixture.vertx.createHttpClient();
        List<String> received = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> threeEchoes = new CompletableFuture<>();

        WebSocket socket = client.webSocket(new WebSocketConnectOptions().setHost("127.0.0.1")
                        .setPort(fixture.activator.port()).setURI("/ws").addHeader("Host", HOST + ":8080"))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        socket.textMessageHandler(text -> {
            received.add(text);
            if (received.size() == 3) {
                threeEchoes.complete(null);
            }
        });
        for (String message : List.of("one", "two", "three")) {
            socket.writeTextMessage(message);
        }

        threeEchoes.get(30, TimeUnit.SECONDS);
        assertThat(received).containsExactly("echo:one", "echo:two", "echo:three");
        socket.close();
        client.close();
    }

    @Test
    void h2cByUpgradeIsServedOverHttp2() throws Exception {
        fixture.readyInstance(HELLO, "hello-a");
        HttpClient http2 = fixture.vertx.createHttpClient(new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(true));
        try {
            for (int i = 0; i < 2; i++) {
                String answer = http2.request(new RequestOptions().setHost(HOST).setPort(8080).setURI("/")
                                .setServer(SocketAddress.inetSocketAddress(fixture.activator.port(), "127.0.0.1")))
                        .compose(request -> request.send())
                        .compose(response -> response.body().map(body ->
                                response.version() + " " + response.statusCode() + " " + body))
                        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                assertThat(answer).isEqualTo("HTTP_2 200 hello-a");
            }
        } finally {
            http2.close();
        }
    }

    @Test
    void serverSentEventsArriveBeforeTheStreamEnds() throws Exception {
        CompletableFuture<Void> clientSawFirstEvent = new CompletableFuture<>();
        fixture.instances.addReady(HELLO, fixture.keep(UpstreamServer.start(fixture.vertx, "sse", request -> {
            request.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
            request.response().write("data: first\n\n");
            // The stream ends only once the client has seen the first event: buffering would deadlock.
            clientSawFirstEvent.whenComplete((v, e) -> request.response().end("data: last\n\n"));
        })).endpoint());
        HttpClient client = fixture.vertx.createHttpClient();
        StringBuilder seen = new StringBuilder();

        CompletableFuture<Void> ended = client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(HOST)
                        .setPort(8080).setURI("/events")
                        .setServer(SocketAddress.inetSocketAddress(fixture.activator.port(), "127.0.0.1")))
                .compose(request -> request.send())
                .compose(response -> {
                    response.handler(chunk -> {
                        seen.append(chunk);
                        if (seen.toString().contains("data: first")) {
                            clientSawFirstEvent.complete(null);
                        }
                    });
                    return response.end();
                })
                .toCompletionStage().toCompletableFuture();

        ended.get(30, TimeUnit.SECONDS);
        assertThat(seen.toString()).isEqualTo("data: first\n\ndata: last\n\n");
        client.close();
    }
}
