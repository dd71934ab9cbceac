package dev.wisp.serving.reconciler.route.rollout;

/** One revision of a configuration rollout and its share of the route's traffic, in percent. */
public record RevisionShare(String revisionName, int percent) {

    RevisionShare withPercent(int newPercent) {
        return new RevisionShare(revisionName, newPercent);
    }
}
