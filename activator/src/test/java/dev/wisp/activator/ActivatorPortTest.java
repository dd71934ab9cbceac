package dev.wisp.activator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.dataplane.ConcurrentRoutingTable;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Port 0 gives the activator a random port of its own, even beside other servers of the same Vert.x. */
class ActivatorPortTest {

    @Test
    void portZeroIsNotSharedWithAnotherServerOnARandomPort() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            // What Quarkus's HTTP server does when its port is 0: a shared random port, asked as -1.
            HttpServer other = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1"))
                    .requestHandler(request -> request.response().end("other"))
                    .listen(-1).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            Activator activator = new Activator(vertx, ActivatorSettings.defaults().withPort(0),
                    new ConcurrentRoutingTable(), new InMemoryInstanceDirectory(), new RecordingMetricsSink(), Clock.systemUTC());
            int port = activator.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

            assertThat(port).isPositive().isNotEqualTo(other.actualPort());
            activator.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
