package dev.wisp.activator.kubernetes;

import dev.wisp.api.autoscaling.RevisionMetric;
import dev.wisp.api.dataplane.RevisionKey;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * One activator's report to the autoscaler for one tick, as the JSON body of
 * {@code POST /autoscaler/v1/metrics}: who sent it, the instant through which its samples are
 * complete ({@code through}: no later batch of this activator holds a sample at or before it), the
 * per-second samples and the revisions poked (a request waits for them at zero).
 *
 * <pre>{"activator": "wisp-activator-5d8c-x2x", "through": "2025-01-01T00:00:05.002Z",
 *  "metrics": [{"namespace": "default", "revision": "hello-00001", "at": "2025-01-01T00:00:05.001Z",
 *               "averageConcurrency": 1.5, "requests": 3}],
 *  "pokes": [{"namespace": "default", "revision": "hello-00001"}]}</pre>
 */
public record MetricsBatch(String activator, Instant through, List<RevisionMetric> metrics, List<RevisionKey> pokes) {
    public MetricsBatch {
        metrics = List.copyOf(metrics);
        pokes = List.copyOf(pokes);
    }

    /** The batch as the JSON the autoscaler's endpoint accepts. */
    public JsonObject toJson() {
        JsonArray samples = new JsonArray();
        for (RevisionMetric metric : metrics) {
            samples.add(revision(metric.revision())
                    .put("at", metric.at().toString())
                    .put("averageConcurrency", metric.averageConcurrency())
                    .put("requests", metric.requests()));
        }
        JsonArray poked = new JsonArray();
        pokes.forEach(key -> poked.add(revision(key)));
        return new JsonObject().put("activator", activator).put("through", through.toString())
                .put("metrics", samples).put("pokes", poked);
    }

    private static JsonObject revision(RevisionKey key) {
        return new JsonObject().put("namespace", key.namespace()).put("revision", key.name());
    }
}
