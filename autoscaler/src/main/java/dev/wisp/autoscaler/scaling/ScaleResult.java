package dev.wisp.autoscaler.scaling;

/**
 * The outcome of one KPA decision (Knative's {@code ScaleResult}).
 *
 * @param desiredPodCount     the instances the revision should run, before min/max bounds and scale to zero
 * @param excessBurstCapacity spare capacity beyond the target burst capacity (0 with none, -1 when unlimited)
 * @param scaleValid          false when there was nothing to decide on (no metrics, ready instances unknown)
 */
public record ScaleResult(int desiredPodCount, int excessBurstCapacity, boolean scaleValid) {

    /** The result when no decision can be made; the caller keeps its current scale. */
    public static final ScaleResult INVALID = new ScaleResult(0, 0, false);
}
