package dev.wisp.eventing.dispatcher;

import io.cloudevents.CloudEvent;
import io.cloudevents.http.vertx.VertxMessageFactory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * POSTs a CloudEvent in binary mode (the CloudEvents SDK's Vert.x writer) and reads the answer,
 * including a reply event in the response and a {@code Retry-After} delay. Never fails its future:
 * network errors and timeouts become {@link DeliveryOutcome#NO_RESPONSE}.
 */
public final class HttpEventSender implements AutoCloseable {
    private final WebClient client;

    public HttpEventSender(Vertx vertx, int maxConnectionsPerHost) {
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setMaxPoolSize(maxConnectionsPerHost)
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setConnectTimeout(5_000)
                .setFollowRedirects(false)
                .setUserAgent("wisp-dispatcher"));
    }

    public Future<DeliveryOutcome> send(DeliveryTarget target, CloudEvent event, Duration timeout) {
        HttpRequest<Buffer> request = client.postAbs(target.url().toString()).timeout(Math.max(1, timeout.toMillis()));
        if (target.host() != null) {
            request.virtualHost(target.host());
        }
        try {
            return VertxMessageFactory.createWriter(request).writeBinary(event)
                    .map(HttpEventSender::outcome)
                    .otherwise(e -> DeliveryOutcome.failure(e.getClass().getSimpleName() + ": " + e.getMessage()));
        } catch (RuntimeException e) {
            return Future.succeededFuture(DeliveryOutcome.failure(e.toString()));
        }
    }

    private static DeliveryOutcome outcome(HttpResponse<Buffer> response) {
        Buffer body = response.body() == null ? Buffer.buffer() : response.body();
        return new DeliveryOutcome(response.statusCode(), body, retryAfter(response.getHeader("Retry-After")),
                replyOf(response), "");
    }

    private static Optional<io.cloudevents.CloudEvent> replyOf(HttpResponse<Buffer> response) {
        if (response.statusCode() < 200 || response.statusCode() >= 300 || response.body() == null
                || response.body().length() == 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(VertxMessageFactory.createReader(response).toEvent());
        } catch (RuntimeException notAnEvent) {
            return Optional.empty(); // a plain response body is not a reply
        }
    }

    /** {@code Retry-After} as delta-seconds or an HTTP date (RFC 9110 section 10.2.3). */
    static Optional<Duration> retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration delay = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(delay.isNegative() ? Duration.ZERO : delay);
            } catch (RuntimeException notADate) {
                return Optional.empty();
            }
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
