package dev.wisp.eventing.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.eventing.delivery.policy.BackoffPolicy;
import dev.wisp.eventing.delivery.policy.DeliveryRetryPolicy;
import dev.wisp.eventing.dispatcher.DeliveryTarget;
import dev.wisp.eventing.dispatcher.TriggerSubscription;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A running Trigger is restarted when the delivery it gets from its Broker changes. */
class TriggerSubscriptionChangeTest {

    @Test
    void aChangedRetryPolicyIsADifferentSubscription() {
        DeliveryRetryPolicy threeRetries = new DeliveryRetryPolicy(3, BackoffPolicy.EXPONENTIAL, Duration.ofMillis(200),
                DeliveryRetryPolicy.DEFAULT_TIMEOUT, DeliveryRetryPolicy.DEFAULT_RETRY_AFTER_MAX);

        assertThat(subscription(DeliveryRetryPolicy.NO_RETRY).sameAs(subscription(DeliveryRetryPolicy.NO_RETRY))).isTrue();
        assertThat(subscription(DeliveryRetryPolicy.NO_RETRY).sameAs(subscription(threeRetries))).isFalse();
    }

    private static TriggerSubscription subscription(DeliveryRetryPolicy policy) {
        return new TriggerSubscription("default", "t", 1, "wisp-broker-default-default", event -> true,
                DeliveryTarget.of("http://127.0.0.1:9/sink"), Optional.empty(), new PolicyRetries(policy), false, 100,
                "wisp-trigger-default-t-parked");
    }
}
