package dev.wisp.api.dataplane;

/** A revision and the percent of a host's traffic it receives. */
public record WeightedRevision(RevisionKey revision, int percent) {
}
