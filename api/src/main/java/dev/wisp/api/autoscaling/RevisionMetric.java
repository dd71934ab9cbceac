package dev.wisp.api.autoscaling;

import dev.wisp.api.dataplane.RevisionKey;
import java.time.Instant;

/**
 * One per-second sample of a revision's traffic as the activator saw it: the average number of
 * requests in flight over the second, and the requests that arrived in it.
 */
public record RevisionMetric(RevisionKey revision, Instant at, double averageConcurrency, long requests) {
}
