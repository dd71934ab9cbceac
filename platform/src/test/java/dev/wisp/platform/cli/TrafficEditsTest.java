package dev.wisp.platform.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wisp.api.serving.v1.TrafficTarget;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TrafficEditsTest {

    /** Targets as {@code ref:percent[#tag]} where ref is a revision name or @latest; {@code error} instead of a result. */
    record Case(String name, List<String> current, List<String> untags, List<String> tags, List<String> traffic,
                List<String> expected, String error) {
    }

    static Stream<Case> cases() {
        List<String> latestOnly = List.of("@latest:100");
        return Stream.of(
                new Case("blue/green flip by revision", List.of("hello-00001:100"), List.of(), List.of(),
                        List.of("hello-00002=100"), List.of("hello-00002:100"), null),
                new Case("canary split with latest", latestOnly, List.of(), List.of(),
                        List.of("hello-00001=80,@latest=20"), List.of("@latest:20", "hello-00001:80"), null),
                new Case("a tag keeps a 0% target", latestOnly, List.of(), List.of("hello-00001=old"), List.of(),
                        List.of("@latest:100", "hello-00001:0#old"), null),
                new Case("a tag names an untagged target", latestOnly, List.of(), List.of("@latest=current"),
                        List.of(), List.of("@latest:100#current"), null),
                new Case("traffic by tag", List.of("@latest:100", "hello-00001:0#old"), List.of(), List.of(),
                        List.of("old=100"), List.of("hello-00001:100#old"), null),
                new Case("untag first, then tag moves it", List.of("@latest:100", "hello-00001:0#old"),
                        List.of("old"), List.of("hello-00002=old"), List.of(),
                        List.of("@latest:100", "hello-00002:0#old"), null),
                new Case("untagging a 0% target drops it", List.of("@latest:100", "hello-00001:0#old"),
                        List.of("old"), List.of(), List.of(), latestOnly, null),
                new Case("a tag in use is refused", List.of("@latest:100", "hello-00001:0#old"), List.of(),
                        List.of("hello-00002=old"), List.of(), null,
                        "--tag hello-00002=old: the tag \"old\" is in use; add --untag old to move it"),
                new Case("percents must add up to 100", latestOnly, List.of(), List.of(),
                        List.of("hello-00001=50,@latest=20"), null, "--traffic percents sum to 70, want 100"),
                new Case("unknown tag to untag", latestOnly, List.of("nope"), List.of(), List.of(), null,
                        "--untag nope: no traffic target has this tag"),
                new Case("a percent must be a number", latestOnly, List.of(), List.of(), List.of("@latest=all"), null,
                        "--traffic @latest: expected a percent from 0 to 100, got \"all\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void editsTrafficAsKnDoes(Case c) {
        List<TrafficTarget> current = c.current().stream().map(TrafficEditsTest::target).toList();
        if (c.error() != null) {
            assertThatThrownBy(() -> edit(c, current)).isInstanceOf(CliException.class).hasMessage(c.error());
            return;
        }
        assertThat(edit(c, current)).map(TrafficEditsTest::describe).containsExactlyElementsOf(c.expected());
    }

    /** A reference check against the revisions hello-00001 and hello-00002; {@code error} null when accepted. */
    record ReferenceCase(String name, List<String> current, List<String> untags, List<String> tags,
                         List<String> traffic, String error) {
    }

    static Stream<ReferenceCase> referenceCases() {
        List<String> tagged = List.of("@latest:100", "hello-00001:0#old");
        String nope = "revision \"nope\" not found for service hello (revisions: hello-00001, hello-00002)";
        return Stream.of(
                new ReferenceCase("existing revisions and @latest", tagged, List.of(), List.of("hello-00002=new"),
                        List.of("hello-00001=50,@latest=50"), null),
                new ReferenceCase("an existing tag", tagged, List.of(), List.of(), List.of("old=100"), null),
                new ReferenceCase("a tag given by --tag", tagged, List.of(), List.of("@latest=cur"),
                        List.of("cur=100"), null),
                new ReferenceCase("an unknown revision in --traffic", tagged, List.of(), List.of(),
                        List.of("nope=100"), nope),
                new ReferenceCase("an unknown revision in --tag", tagged, List.of(), List.of("nope=x"), List.of(), nope),
                new ReferenceCase("a tag removed by --untag", tagged, List.of("old"), List.of(), List.of("old=100"),
                        "revision \"old\" not found for service hello (revisions: hello-00001, hello-00002)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceCases")
    void refusesReferencesToRevisionsThatDoNotExist(ReferenceCase c) {
        List<TrafficTarget> current = c.current().stream().map(TrafficEditsTest::target).toList();
        Runnable check = () -> TrafficEdits.checkReferences("hello", List.of("hello-00002", "hello-00001"), current,
                c.untags(), TrafficEdits.pairs("--tag", c.tags()), TrafficEdits.percents(c.traffic()));
        if (c.error() == null) {
            check.run();
        } else {
            assertThatThrownBy(check::run).isInstanceOf(CliException.class).hasMessage(c.error());
        }
    }

    private static List<TrafficTarget> edit(Case c, List<TrafficTarget> current) {
        return TrafficEdits.apply(current, c.untags(), TrafficEdits.pairs("--tag", c.tags()),
                TrafficEdits.percents(c.traffic()));
    }

    private static TrafficTarget target(String text) {
        String[] tagged = text.split("#");
        String[] parts = tagged[0].split(":");
        boolean latest = parts[0].equals("@latest");
        return new TrafficTarget(latest ? null : parts[0], null, latest, Long.parseLong(parts[1]),
                tagged.length > 1 ? tagged[1] : null);
    }

    private static String describe(TrafficTarget t) {
        String ref = Boolean.TRUE.equals(t.getLatestRevision()) ? "@latest" : t.getRevisionName();
        return ref + ":" + t.getPercent() + (t.getTag() == null ? "" : "#" + t.getTag());
    }
}
