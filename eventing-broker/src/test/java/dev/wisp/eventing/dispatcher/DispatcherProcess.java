package dev.wisp.eventing.dispatcher;

import dev.wisp.eventing.kafka.KafkaEventPublisher;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * A dispatcher alone in a JVM, for the crash test: {@code bootstrap topic parkedTopic subscriberUrl};
 * prints READY once its partitions are assigned and runs until killed.
 */
public final class DispatcherProcess {

    public static void main(String[] args) throws Exception {
        Vertx vertx = Vertx.vertx();
        KafkaEventPublisher publisher = new KafkaEventPublisher(args[0], "crash-test");
        Dispatcher dispatcher = new Dispatcher(vertx, args[0], publisher, Clock.systemUTC());
        dispatcher.apply(new TriggerSubscription("crash", "t", 1, args[1], e -> true, DeliveryTarget.of(args[3]),
                Optional.empty(), new TestRetryPolicy(50, Duration.ofMillis(50), Duration.ofSeconds(5)), false, 50, args[2]));
        org.awaitility.Awaitility.await("partitions assigned").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(50)).until(() -> dispatcher.isReady("crash", "t"));
        System.out.println("READY");
        System.out.flush();
        Thread.currentThread().join();
    }
}
