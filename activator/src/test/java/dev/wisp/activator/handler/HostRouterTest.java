package dev.wisp.activator.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.dataplane.ConcurrentRoutingTable;
import dev.wisp.api.dataplane.HostRoute;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.dataplane.WeightedRevision;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link HostRouter} in front of a real server, with a next handler that names the route it got. */
class HostRouterTest {

    private final Vertx vertx = Vertx.vertx();
    private final ConcurrentRoutingTable routes = new ConcurrentRoutingTable();
    private HttpServer server;
    private HttpClient client;

    @BeforeEach
    void start() throws Exception {
        routes.replace("default", "hello", List.of(new HostRoute("hello.default.localhost", "default", "hello",
                List.of(new WeightedRevision(new RevisionKey("default", "hello-00001"), 100)))));
        HostRouter router = new HostRouter(routes, (request, route) -> {
            request.resume();
            request.response().end("route=" + route.routeName());
        });
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        client = vertx.createHttpClient();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void knownHostIsPassedOnWithItsRoute() throws Exception {
        assertThat(call("HELLO.default.localhost:8080")).isEqualTo("200 route=hello");
    }

    @Test
    void unknownHostGets404NamingTheHost() throws Exception {
        assertThat(call("x.default.localhost:8080")).isEqualTo("404 no service for host \"x.default.localhost\"\n");
    }

    private String call(String host) throws Exception {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
                .setPort(server.actualPort()).setURI("/").putHeader("Host", host);
        return client.request(options)
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> status(response) + " " + body))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static int status(HttpClientResponse response) {
        return response.statusCode();
    }
}
