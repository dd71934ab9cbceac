package dev.wisp.serving.reconciler.configuration;

import static dev.wisp.serving.reconciler.Fixtures.NOW;
import static dev.wisp.serving.reconciler.Fixtures.configuration;
import static dev.wisp.serving.reconciler.Fixtures.generation;
import static dev.wisp.serving.reconciler.Fixtures.ownedBy;
import static dev.wisp.serving.reconciler.Fixtures.revision;
import static dev.wisp.serving.reconciler.Fixtures.template;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.serving.v1.Configuration;
import dev.wisp.api.serving.v1.ConfigurationStatus;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.serving.v1.RevisionSpec;
import dev.wisp.api.status.Condition;
import dev.wisp.api.status.KnativeStatus;
import dev.wisp.serving.reconciler.Fixtures;
import dev.wisp.serving.reconciler.Json;
import dev.wisp.serving.reconciler.Ownership;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigurationPlannerTest {

    record Case(String name, Configuration configuration, Optional<Revision> existing, String expectedCreated,
                String expectedLatestCreated, String expectedLatestReady, String ready, String reason, String message) {
    }

    static Stream<Case> cases() {
        Configuration first = configuration("hello", c -> generation(c, 1), ConfigurationPlannerTest::ofServiceHello);
        Configuration second = configuration("hello", c -> generation(c, 2), c -> c.getSpec().setTemplate(template("v2")),
                ConfigurationPlannerTest::ofServiceHello, latestReady("hello-00001"));
        Configuration named = configuration("hello", c -> generation(c, 4), ConfigurationPlannerTest::ofServiceHello,
                c -> c.getSpec().getTemplate().getMetadata().setName("hello-blue"));
        return Stream.of(
                new Case("first template stamps hello-00001", first, Optional.empty(), "hello-00001",
                        "hello-00001", null, Condition.UNKNOWN, null, null),
                new Case("existing revision that became ready", first, Optional.of(stamped(first, Condition.TRUE, null)),
                        null, "hello-00001", "hello-00001", Condition.TRUE, null, null),
                new Case("new template stamps hello-00002, latest ready stays", second, Optional.empty(),
                        "hello-00002", "hello-00002", "hello-00001", Condition.UNKNOWN, null, null),
                new Case("new revision failed", second, Optional.of(stamped(second, Condition.FALSE, "exit code 1")),
                        null, "hello-00002", "hello-00001", Condition.FALSE, ConfigurationPlanner.REVISION_FAILED,
                        "Revision \"hello-00002\" failed with message: exit code 1."),
                new Case("template name is used as revision name", named, Optional.empty(), "hello-blue",
                        "hello-blue", null, Condition.UNKNOWN, null, null),
                new Case("template name taken by a revision with another spec", named,
                        Optional.of(ownedBy(revision("hello-blue", r -> r.setSpec(template("v0").getSpec())), named)), null, null, null, Condition.FALSE,
                        ConfigurationPlanner.REVISION_NAME_TAKEN, null),
                new Case("template name taken by another configuration's revision", named,
                        Optional.of(ownedBy(withSpecOf(revision("hello-blue"), named), configuration("other"))),
                        null, null, null, Condition.FALSE, ConfigurationPlanner.REVISION_NAME_TAKEN, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void plansRevisionAndStatus(Case c) {
        ConfigurationPlan plan = ConfigurationPlanner.plan(c.configuration(), c.existing(), NOW);

        assertThat(plan.revisionToCreate().map(r -> r.getMetadata().getName()).orElse(null)).isEqualTo(c.expectedCreated());
        ConfigurationStatus status = plan.status();
        assertThat(status.getLatestCreatedRevisionName()).isEqualTo(c.expectedLatestCreated());
        assertThat(status.getLatestReadyRevisionName()).isEqualTo(c.expectedLatestReady());
        assertThat(status.getObservedGeneration()).isEqualTo(c.configuration().getMetadata().getGeneration());
        Condition ready = status.condition(KnativeStatus.READY).orElseThrow();
        assertThat(ready.getStatus()).isEqualTo(c.ready());
        assertThat(ready.getReason()).isEqualTo(c.reason());
        if (c.message() != null) {
            assertThat(ready.getMessage()).isEqualTo(c.message());
        }
        if (ConfigurationPlanner.REVISION_NAME_TAKEN.equals(c.reason())) {
            assertThat(ready.getMessage()).contains("\"hello-blue\"");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void stampedRevisionCarriesLabelsAnnotationsOwnerAndSpec(Case c) {
        ConfigurationPlan plan = ConfigurationPlanner.plan(c.configuration(), c.existing(), NOW);
        if (plan.revisionToCreate().isEmpty()) {
            return;
        }
        Revision revision = plan.revisionToCreate().get();
        Configuration configuration = c.configuration();
        assertThat(revision.getMetadata().getLabels()).containsAllEntriesOf(Map.of(
                "serving.knative.dev/configuration", "hello",
                "serving.knative.dev/configurationGeneration", String.valueOf(configuration.getMetadata().getGeneration()),
                "serving.knative.dev/service", "hello",
                "app", "greeter"));
        assertThat(revision.getMetadata().getAnnotations()).containsEntry("autoscaling.knative.dev/min-scale", "1");
        assertThat(Ownership.isControlledBy(revision, configuration)).isTrue();
        assertThat(Json.same(revision.getSpec(), configuration.getSpec().getTemplate().getSpec())).isTrue();
    }

    private static Revision stamped(Configuration configuration, String ready, String message) {
        Revision revision = ownedBy(withSpecOf(revision(Names.revision(configuration)), configuration), configuration);
        Fixtures.ready(revision.getStatus(), ready, ready.equals(Condition.FALSE) ? "ExitCode1" : null, message);
        return revision;
    }

    private static Revision withSpecOf(Revision revision, Configuration configuration) {
        revision.setSpec(Json.copy(configuration.getSpec().getTemplate().getSpec(), RevisionSpec.class));
        return revision;
    }

    private static Consumer<Configuration> latestReady(String name) {
        return c -> c.getStatus().setLatestReadyRevisionName(name);
    }

    /** Belongs to Service "hello"; its template has a label and an autoscaling annotation. */
    private static void ofServiceHello(Configuration configuration) {
        configuration.getMetadata().setLabels(Map.of("serving.knative.dev/service", "hello"));
        configuration.getSpec().getTemplate().setMetadata(new ObjectMetaBuilder()
                .withLabels(Map.of("app", "greeter"))
                .withAnnotations(Map.of("autoscaling.knative.dev/min-scale", "1")).build());
    }
}
