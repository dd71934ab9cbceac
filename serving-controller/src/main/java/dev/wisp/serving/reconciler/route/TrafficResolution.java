package dev.wisp.serving.reconciler.route;

import dev.wisp.api.serving.v1.TrafficTarget;
import java.util.List;

/**
 * The outcome of resolving a Route's traffic targets to revisions: either every target resolved
 * ({@link #targets()} in status form), or the condition status, reason and message of the first
 * target that could not be.
 */
public record TrafficResolution(List<TrafficTarget> targets, String failureStatus, String failureReason,
                                String failureMessage) {

    public static TrafficResolution resolved(List<TrafficTarget> targets) {
        return new TrafficResolution(List.copyOf(targets), null, null, null);
    }

    public static TrafficResolution failed(String status, String reason, String message) {
        return new TrafficResolution(List.of(), status, reason, message);
    }

    public boolean succeeded() {
        return failureStatus == null;
    }
}
