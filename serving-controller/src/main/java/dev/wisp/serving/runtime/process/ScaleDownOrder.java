package dev.wisp.serving.runtime.process;

import java.util.Comparator;
import java.util.List;

/**
 * Chooses which instances to stop when a revision scales down: instances not yet ready first
 * (they serve nothing), then the newest (the oldest are warm and proven).
 */
public final class ScaleDownOrder {

    /** An instance as the choice sees it; {@code sequence} grows with creation order. */
    public record Candidate(String id, boolean ready, long sequence) {
    }

    private static final Comparator<Candidate> STOP_FIRST = Comparator
            .comparing(Candidate::ready)
            .thenComparing(Comparator.comparingLong(Candidate::sequence).reversed());

    private ScaleDownOrder() {
    }

    /** The ids of the {@code count} instances to stop, in the order to stop them. */
    public static List<String> victims(List<Candidate> candidates, int count) {
        return candidates.stream().sorted(STOP_FIRST).limit(Math.max(0, count)).map(Candidate::id).toList();
    }
}
