package dev.wisp.autoscaler.metrics;

/**
 * A revision's metric averaged over the stable and the panic window at one moment; both NaN when
 * the stable window holds no data (Knative's {@code ErrNoData}: no decision is made).
 *
 * @param stable the average over the stable window
 * @param panic  the average over the panic window
 */
public record Observation(double stable, double panic) {

    /** No data in the stable window. */
    public static final Observation NO_DATA = new Observation(Double.NaN, Double.NaN);

    /** Whether there was data to decide on. */
    public boolean hasData() {
        return !Double.isNaN(stable);
    }
}
