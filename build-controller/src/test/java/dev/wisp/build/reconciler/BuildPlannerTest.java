package dev.wisp.build.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.build.v1alpha1.Build;
import dev.wisp.api.build.v1alpha1.BuildGroup;
import dev.wisp.api.build.v1alpha1.BuildStatus;
import dev.wisp.api.serving.v1.RevisionSpec;
import dev.wisp.api.serving.v1.RevisionTemplateSpec;
import dev.wisp.api.serving.v1.Service;
import dev.wisp.api.serving.v1.ServiceStatus;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BuildPlannerTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String IMAGE = "wisp.local/app@sha256:" + "a".repeat(64);

    record Case(String name, Build build, Optional<Service> service, Class<? extends BuildAction> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("new build runs", build(2L, null, s -> { }), Optional.empty(), BuildAction.Run.class),
                new Case("new generation runs", build(3L, null, succeeded(2L, null)), Optional.empty(), BuildAction.Run.class),
                new Case("new run token runs", build(2L, "t2", succeeded(2L, "t1")), Optional.empty(), BuildAction.Run.class),
                new Case("interrupted run runs again", build(2L, null, s -> {
                    s.setObservedGeneration(2L);
                    s.markRunning("Building", "", NOW);
                }), Optional.empty(), BuildAction.Run.class),
                new Case("failed build waits for a change", build(2L, null, s -> {
                    s.setObservedGeneration(2L);
                    s.markFailed("StepFailed", "x", NOW);
                }), Optional.of(service(IMAGE, true)), BuildAction.Nothing.class),
                new Case("ready service with the image gives the URL", build(2L, null, succeeded(2L, null)),
                        Optional.of(service(IMAGE, true)), BuildAction.RecordUrl.class),
                new Case("service not ready yet", build(2L, null, succeeded(2L, null)),
                        Optional.of(service(IMAGE, false)), BuildAction.Nothing.class),
                new Case("service serving another image", build(2L, null, succeeded(2L, null)),
                        Optional.of(service("other", true)), BuildAction.Nothing.class),
                new Case("deleted service clears the recorded URL", build(2L, null,
                        succeeded(2L, null).andThen(s -> s.setUrl("http://app.default.localhost:8080"))),
                        Optional.empty(), BuildAction.ClearUrl.class),
                new Case("deleted service with no URL recorded", build(2L, null, succeeded(2L, null)),
                        Optional.empty(), BuildAction.Nothing.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void plans(Case c) {
        assertThat(BuildPlanner.plan(c.build(), c.service())).isInstanceOf(c.expected());
    }

    private static Consumer<BuildStatus> succeeded(long generation, String run) {
        return s -> {
            s.setObservedGeneration(generation);
            s.setObservedRun(run);
            s.markSucceeded(IMAGE, "sha256:" + "a".repeat(64), false, NOW);
        };
    }

    private static Build build(Long generation, String run, Consumer<BuildStatus> status) {
        Build build = new Build();
        ObjectMeta meta = new ObjectMeta();
        meta.setName("app");
        meta.setNamespace("default");
        meta.setGeneration(generation);
        if (run != null) {
            meta.setAnnotations(Map.of(BuildGroup.RUN_ANNOTATION, run));
        }
        build.setMetadata(meta);
        build.getSpec().setTarget(new dev.wisp.api.build.v1alpha1.BuildTarget("app"));
        BuildStatus s = new BuildStatus();
        status.accept(s);
        build.setStatus(s);
        return build;
    }

    private static Service service(String image, boolean ready) {
        Service service = new Service();
        ObjectMeta meta = new ObjectMeta();
        meta.setName("app");
        meta.setGeneration(1L);
        service.setMetadata(meta);
        RevisionTemplateSpec template = new RevisionTemplateSpec();
        template.setSpec(new RevisionSpec());
        Container container = new Container();
        container.setImage(image);
        template.getSpec().getContainers().add(container);
        service.getSpec().setTemplate(template);
        ServiceStatus status = new ServiceStatus();
        status.setObservedGeneration(1L);
        status.setUrl("http://app.default.localhost:8080");
        if (ready) {
            status.markTrue(ServiceStatus.CONFIGURATIONS_READY, NOW);
            status.markTrue(ServiceStatus.ROUTES_READY, NOW);
        } else {
            status.markUnknown(ServiceStatus.CONFIGURATIONS_READY, "Deploying", "", NOW);
        }
        service.setStatus(status);
        return service;
    }
}
