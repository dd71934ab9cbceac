package dev.wisp.eventing.dispatcher;

import dev.wisp.eventing.kafka.EventPublisher;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jboss.logging.Logger;

/**
 * Resolves one event for one Trigger, asynchronously on Vert.x: filter, deliver with retries,
 * publish the reply to the broker, else dead-letter (with {@code knativeerror*} extensions), else
 * park. Its future fails only when the dispatcher stops first — then the event stays unresolved,
 * its offset uncommitted, and it is delivered again later.
 */
public final class EventDelivery {
    private static final Logger LOG = Logger.getLogger(EventDelivery.class);
    static final String ERROR_DEST = "knativeerrordest";
    static final String ERROR_CODE = "knativeerrorcode";
    static final String ERROR_DATA = "knativeerrordata";
    static final String PARKED_REASON_HEADER = "wisp-parked-reason";
    static final String PARKED_AT_HEADER = "wisp-parked-at";
    private static final int MAX_ERROR_DATA_BYTES = 1024;
    private static final long PERSIST_RETRY_MILLIS = 1_000;

    private final Vertx vertx;
    private final HttpEventSender sender;
    private final EventPublisher publisher;
    private final TriggerMetrics metrics;
    private final Clock clock;
    private volatile boolean stopped;

    public EventDelivery(Vertx vertx, HttpEventSender sender, EventPublisher publisher, TriggerMetrics metrics, Clock clock) {
        this.vertx = vertx;
        this.sender = sender;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Stops retrying: pending deliveries fail instead of resolving. */
    public void stop() {
        stopped = true;
    }

    /** Filters, then delivers an event taken from the Broker's topic. */
    public Future<Resolution> resolve(TriggerSubscription trigger, CloudEvent event) {
        if (!passes(trigger, event)) {
            return Future.succeededFuture(Resolution.FILTERED);
        }
        return deliver(trigger, event);
    }

    /** Delivers without filtering (a replay of a parked event, which passed the filter before). */
    public Future<Resolution> deliver(TriggerSubscription trigger, CloudEvent event) {
        long startNanos = System.nanoTime();
        return withRetries(trigger.subscriber(), event, trigger.retryPolicy(), 0).compose(outcome -> {
            if (outcome.succeeded()) {
                metrics.latency((System.nanoTime() - startNanos) / 1_000);
                return outcome.reply().isEmpty() ? Future.succeededFuture(Resolution.DELIVERED)
                        : persistently(() -> publisher.publish(trigger.topic(), outcome.reply().get()))
                                .map(Resolution.DELIVERED);
            }
            return deadLetterOrPark(trigger, event, outcome);
        });
    }

    private boolean passes(TriggerSubscription trigger, CloudEvent event) {
        try {
            return trigger.filter().test(event);
        } catch (RuntimeException e) {
            LOG.warnf("filter failed trigger=%s id=%s error=%s: event filtered out", trigger.key(), event.getId(), e);
            return false;
        }
    }

    private Future<DeliveryOutcome> withRetries(DeliveryTarget target, CloudEvent event, RetryPolicy policy, int retry) {
        if (stopped) {
            return Future.failedFuture("dispatcher stopped");
        }
        return sender.send(target, event, policy.timeout()).compose(outcome -> {
            if (outcome.succeeded() || !policy.isRetryable(outcome.status()) || retry >= policy.retries()) {
                return Future.succeededFuture(outcome);
            }
            metrics.retried();
            long delay = Math.max(1, policy.delayBefore(retry + 1, outcome.retryAfter()).toMillis());
            Promise<DeliveryOutcome> next = Promise.promise();
            vertx.setTimer(delay, t -> withRetries(target, event, policy, retry + 1).onComplete(next));
            return next.future();
        });
    }

    private Future<Resolution> deadLetterOrPark(TriggerSubscription trigger, CloudEvent event, DeliveryOutcome failed) {
        String subscriberFailure = "subscriber " + trigger.subscriber().displayUrl() + " " + describe(failed);
        if (trigger.deadLetterSink().isEmpty()) {
            return park(trigger, event, subscriberFailure + "; no dead-letter sink");
        }
        CloudEvent withError = withErrorExtensions(event, trigger.subscriber(), failed);
        return withRetries(trigger.deadLetterSink().get(), withError, trigger.retryPolicy(), 0).compose(outcome -> {
            if (outcome.succeeded()) {
                return Future.succeededFuture(Resolution.DEAD_LETTERED);
            }
            return park(trigger, event, subscriberFailure + "; dead-letter sink "
                    + trigger.deadLetterSink().get().displayUrl() + " " + describe(outcome));
        });
    }

    private Future<Resolution> park(TriggerSubscription trigger, CloudEvent event, String reason) {
        LOG.warnf("event parked trigger=%s id=%s reason=%s", trigger.key(), event.getId(), reason);
        Header[] headers = {
                new RecordHeader(PARKED_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8)),
                new RecordHeader(PARKED_AT_HEADER, clock.instant().toString().getBytes(StandardCharsets.UTF_8))};
        return persistently(() -> publisher.publish(trigger.parkedTopic(), event, headers)).map(Resolution.PARKED);
    }

    /** Publishes until Kafka acknowledges (or the dispatcher stops): a parked event or a reply is never dropped. */
    private Future<Void> persistently(Supplier<CompletionStage<Long>> publish) {
        if (stopped) {
            return Future.failedFuture("dispatcher stopped");
        }
        Promise<Void> done = Promise.promise();
        var context = vertx.getOrCreateContext();
        publish.get().whenComplete((offset, error) -> context.runOnContext(v -> {
            if (error == null) {
                done.complete();
                return;
            }
            LOG.warnf("publish failed, retrying in %dms error=%s", PERSIST_RETRY_MILLIS, error.toString());
            vertx.setTimer(PERSIST_RETRY_MILLIS, t -> persistently(publish).onComplete(done));
        }));
        return done.future();
    }

    static CloudEvent withErrorExtensions(CloudEvent event, DeliveryTarget subscriber, DeliveryOutcome failed) {
        CloudEventBuilder builder = CloudEventBuilder.from(event).withExtension(ERROR_DEST, subscriber.displayUrl());
        if (failed.status() != DeliveryOutcome.NO_RESPONSE) {
            builder.withExtension(ERROR_CODE, Integer.toString(failed.status()));
        }
        if (failed.body().length() > 0) {
            byte[] data = failed.body().getBytes(0, Math.min(failed.body().length(), MAX_ERROR_DATA_BYTES));
            builder.withExtension(ERROR_DATA, Base64.getEncoder().encodeToString(data));
        }
        return builder.build();
    }

    private static String describe(DeliveryOutcome outcome) {
        return outcome.status() == DeliveryOutcome.NO_RESPONSE ? "unreachable (" + outcome.error() + ")"
                : "answered " + outcome.status();
    }
}
