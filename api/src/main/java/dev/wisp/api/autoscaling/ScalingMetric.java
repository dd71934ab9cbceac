package dev.wisp.api.autoscaling;

import java.util.Locale;

/** What a revision scales on (Knative's {@code autoscaling.knative.dev/metric}): requests in flight or per second. */
public enum ScalingMetric {
    /** The average number of requests in flight (Knative's default). */
    CONCURRENCY,
    /** Requests per second. */
    RPS;

    /** The annotation value: {@code concurrency} or {@code rps}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
