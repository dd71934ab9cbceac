package dev.wisp.serving.reconciler.retention;

import static dev.wisp.serving.reconciler.Fixtures.configuration;
import static dev.wisp.serving.reconciler.Fixtures.latest;
import static dev.wisp.serving.reconciler.Fixtures.ownedBy;
import static dev.wisp.serving.reconciler.Fixtures.pinned;
import static dev.wisp.serving.reconciler.Fixtures.revision;
import static dev.wisp.serving.reconciler.Fixtures.route;
import static dev.wisp.serving.reconciler.Fixtures.tagged;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.serving.v1.Configuration;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.serving.v1.Route;
import dev.wisp.api.serving.v1.Serving;
import dev.wisp.api.serving.v1.TrafficTarget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RevisionRetentionTest {

    /** Revisions hello-00001 .. hello-000{count}; the configuration's latest created and ready is the last one. */
    record Case(String name, int count, int retained, List<TrafficTarget> specTraffic, List<TrafficTarget> statusTraffic,
                List<String> deleted) {
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("within the limit nothing goes", 5, 20, List.of(latest(100)), List.of(at("hello-00005", 100)),
                        List.of()),
                new Case("the oldest non-active beyond the limit go, oldest first", 8, 3, List.of(latest(100)),
                        List.of(at("hello-00008", 100)), List.of("hello-00001", "hello-00002", "hello-00003",
                                "hello-00004")),
                new Case("revisions in traffic are kept, even at 0% through a tag", 8, 2,
                        List.of(pinned("hello-00001", 0), latest(100)),
                        List.of(tagged(at("hello-00001", 0), "old"), at("hello-00002", 50), at("hello-00008", 50)),
                        List.of("hello-00003", "hello-00004", "hello-00005")),
                new Case("keeping none deletes every non-active revision", 4, 0, List.of(latest(100)),
                        List.of(at("hello-00004", 100)), List.of("hello-00001", "hello-00002", "hello-00003")),
                new Case("a revision named in spec but not yet routed is kept", 4, 0,
                        List.of(pinned("hello-00002", 100)), List.of(at("hello-00004", 100)),
                        List.of("hello-00001", "hello-00003")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void deletesTheOldestNonActiveRevisionsBeyondTheLimit(Case c) {
        String last = name(c.count());
        Configuration configuration = configuration("hello", cfg -> {
            cfg.getStatus().setLatestCreatedRevisionName(last);
            cfg.getStatus().setLatestReadyRevisionName(last);
        });
        List<Revision> revisions = new ArrayList<>();
        // Listed by name order reversed so that the planner has to order them itself.
        IntStream.rangeClosed(1, c.count()).map(i -> c.count() + 1 - i)
                .forEach(i -> revisions.add(revisionOf(configuration, i)));
        revisions.add(revision("other-00001"));
        Route route = route("hello", r -> {
            r.getSpec().setTraffic(c.specTraffic());
            r.getStatus().setTraffic(c.statusTraffic());
        });

        assertThat(RevisionRetention.toDelete(configuration, revisions, List.of(route), c.retained()))
                .containsExactlyElementsOf(c.deleted());
    }

    private static Revision revisionOf(Configuration configuration, int generation) {
        Revision revision = ownedBy(revision(name(generation)), configuration);
        HashMap<String, String> labels = new HashMap<>();
        labels.put(Serving.CONFIGURATION_GENERATION_LABEL, Integer.toString(generation));
        revision.getMetadata().setLabels(labels);
        return revision;
    }

    private static TrafficTarget at(String revision, long percent) {
        return new TrafficTarget(revision, null, false, percent, null);
    }

    private static String name(int generation) {
        return String.format("hello-%05d", generation);
    }
}
