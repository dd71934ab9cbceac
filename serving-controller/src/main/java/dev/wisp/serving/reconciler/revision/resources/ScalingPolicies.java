package dev.wisp.serving.reconciler.revision.resources;

import dev.wisp.api.autoscaling.AutoscalerDefaults;
import dev.wisp.api.autoscaling.ScalingAnnotations;
import dev.wisp.api.autoscaling.ScalingPolicy;
import dev.wisp.api.serving.v1.Revision;
import java.util.Map;

/** Resolves how a Revision scales from its {@code autoscaling.knative.dev/*} annotations and the defaults. */
public final class ScalingPolicies {

    private ScalingPolicies() {
    }

    public static ScalingPolicy forRevision(Revision revision, AutoscalerDefaults defaults) {
        Map<String, String> annotations = revision.getMetadata().getAnnotations();
        Long concurrency = revision.getSpec().getContainerConcurrency();
        return ScalingAnnotations.policy(annotations == null ? Map.of() : annotations,
                concurrency == null ? 0 : concurrency, defaults);
    }
}
