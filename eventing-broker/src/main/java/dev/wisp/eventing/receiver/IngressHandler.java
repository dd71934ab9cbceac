package dev.wisp.eventing.receiver;

import dev.wisp.eventing.kafka.EventPublisher;
import io.cloudevents.CloudEvent;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Handles {@code POST /{namespace}/{broker}}: reads the body up to the size limit, parses the
 * CloudEvent, appends it to the Broker's topic and answers 202 once Kafka acknowledged it — or
 * 400, 404, 405, 413, 503 with a one-line reason.
 */
public final class IngressHandler implements Handler<HttpServerRequest> {
    private static final Logger LOG = Logger.getLogger(IngressHandler.class);

    private final Vertx vertx;
    private final BrokerDirectory brokers;
    private final EventPublisher publisher;
    private final int maxEventBytes;

    public IngressHandler(Vertx vertx, BrokerDirectory brokers, EventPublisher publisher, int maxEventBytes) {
        this.vertx = vertx;
        this.brokers = brokers;
        this.publisher = publisher;
        this.maxEventBytes = maxEventBytes;
    }

    @Override
    public void handle(HttpServerRequest request) {
        if (request.method() != HttpMethod.POST) {
            request.response().putHeader(HttpHeaders.ALLOW, "POST");
            IngressResponses.reply(request, 405, "method " + request.method() + " not allowed: events are POSTed");
            return;
        }
        Optional<BrokerIngress> broker = brokerOf(request.path());
        if (broker.isEmpty()) {
            IngressResponses.reply(request, 404, "no broker at " + request.path()
                    + " (expected /{namespace}/{broker} of an existing, ready Broker)");
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && parseLong(length) > maxEventBytes) {
            IngressResponses.tooLarge(request, maxEventBytes, 0);
            return;
        }
        readBody(request, body -> onBody(request, broker.get(), body));
    }

    private Optional<BrokerIngress> brokerOf(String path) {
        String[] segments = path.startsWith("/") ? path.substring(1).split("/", -1) : new String[0];
        if (segments.length != 2 || segments[0].isEmpty() || segments[1].isEmpty()) {
            return Optional.empty();
        }
        return brokers.lookup(segments[0], segments[1]);
    }

    private void readBody(HttpServerRequest request, Handler<Buffer> onComplete) {
        Buffer body = Buffer.buffer();
        boolean[] tooLarge = {false};
        request.handler(chunk -> {
            if (tooLarge[0]) {
                return;
            }
            if (body.length() + chunk.length() > maxEventBytes) {
                tooLarge[0] = true;
                IngressResponses.tooLarge(request, maxEventBytes, body.length() + (long) chunk.length());
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(v -> {
            if (!tooLarge[0]) {
                onComplete.handle(body);
            }
        });
    }

    private void onBody(HttpServerRequest request, BrokerIngress broker, Buffer body) {
        CloudEvent event;
        try {
            event = IncomingEvents.parse(request.headers(), body);
        } catch (InvalidEventException e) {
            IngressResponses.reply(request, 400, e.getMessage());
            return;
        }
        var context = vertx.getOrCreateContext();
        publisher.publish(broker.topic(), event).whenComplete((offset, error) -> context.runOnContext(v -> {
            if (error == null) {
                IngressResponses.reply(request, 202, "");
            } else {
                LOG.warnf("event not stored broker=%s/%s id=%s error=%s", broker.namespace(), broker.name(),
                        event.getId(), error.toString());
                IngressResponses.reply(request, 503, "Kafka not reachable: the event was not stored ("
                        + error.getClass().getSimpleName() + ")");
            }
        }));
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
