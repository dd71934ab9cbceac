package dev.wisp.eventing.dispatcher;

import io.cloudevents.CloudEvent;
import io.cloudevents.http.vertx.VertxMessageFactory;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A real HTTP subscriber for tests: records every CloudEvent POSTed to it (with its Host header)
 * and answers with the status the test sets, optionally with a reply event.
 */
public final class RecordingSubscriber implements AutoCloseable {
    private final HttpServer server;
    private final List<CloudEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> hosts = new CopyOnWriteArrayList<>();
    private volatile Function<CloudEvent, Integer> status = e -> 202;
    private volatile Function<CloudEvent, Optional<CloudEvent>> reply = e -> Optional.empty();
    private final int port;
    private final Vertx vertx;
    private volatile long delayMillis;

    public RecordingSubscriber(Vertx vertx) throws Exception {
        this.vertx = vertx;
        server = vertx.createHttpServer().requestHandler(this::handle);
        port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }

    private void handle(HttpServerRequest request) {
        hosts.add(request.getHeader("Host"));
        VertxMessageFactory.createReader(request).onComplete(read -> {
            if (read.failed()) {
                request.response().setStatusCode(599).end();
                return;
            }
            CloudEvent event = read.result().toEvent();
            if (delayMillis > 0) {
                vertx.setTimer(delayMillis, t -> respond(request, event));
            } else {
                respond(request, event);
            }
        });
    }

    private void respond(HttpServerRequest request, CloudEvent event) {
        events.add(event);
        int code = status.apply(event);
        Optional<CloudEvent> answer = code / 100 == 2 ? reply.apply(event) : Optional.empty();
        request.response().setStatusCode(code);
        if (answer.isPresent()) {
            VertxMessageFactory.createWriter(request.response()).writeBinary(answer.get());
        } else {
            request.response().end(code >= 400 ? "failure " + code : "");
        }
    }

    /** Answers every event only after {@code delay}, as a slow subscriber does. */
    public void delay(java.time.Duration delay) {
        delayMillis = delay.toMillis();
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/events";
    }

    public DeliveryTarget target() {
        return DeliveryTarget.of(url());
    }

    public List<CloudEvent> events() {
        return events;
    }

    public List<String> hosts() {
        return hosts;
    }

    public void answer(Function<CloudEvent, Integer> newStatus) {
        status = newStatus;
    }

    public void reply(Function<CloudEvent, Optional<CloudEvent>> newReply) {
        reply = newReply;
    }

    @Override
    public void close() {
        server.close();
    }
}
