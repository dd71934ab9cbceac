package dev.wisp.build.reconciler;

import dev.wisp.api.build.v1alpha1.Build;
import dev.wisp.api.build.v1alpha1.BuildGroup;
import dev.wisp.api.build.v1alpha1.BuildStatus;
import dev.wisp.api.serving.v1.Service;
import dev.wisp.api.status.Condition;
import io.fabric8.kubernetes.api.model.Container;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides what a Build needs (pure): run when its generation or run token was not built yet or an
 * earlier run never finished (a restart); once succeeded, record the target Service's URL when the
 * Service is Ready with the built image; clear a recorded URL once the target Service is gone.
 */
public final class BuildPlanner {
    private BuildPlanner() {
    }

    public static BuildAction plan(Build build, Optional<Service> target) {
        BuildStatus status = build.getStatus() == null ? new BuildStatus() : build.getStatus();
        Long generation = build.getMetadata().getGeneration();
        if (!Objects.equals(status.getObservedGeneration(), generation)) {
            return new BuildAction.Run("generation " + generation + " not built yet");
        }
        String run = runToken(build);
        if (!Objects.equals(status.getObservedRun(), run)) {
            return new BuildAction.Run("run " + run + " requested");
        }
        Optional<Condition> succeeded = status.condition(BuildStatus.SUCCEEDED);
        if (succeeded.isEmpty() || (!succeeded.get().isTrue() && !succeeded.get().isFalse())) {
            return new BuildAction.Run("the previous run did not finish");
        }
        if (target.isEmpty() && status.getUrl() != null) {
            return new BuildAction.ClearUrl();
        }
        if (!succeeded.get().isTrue() || target.isEmpty()) {
            return new BuildAction.Nothing();
        }
        Service service = target.get();
        String url = service.getStatus() == null ? null : service.getStatus().getUrl();
        boolean serving = url != null && service.getStatus().isReady()
                && Objects.equals(service.getStatus().getObservedGeneration(), service.getMetadata().getGeneration())
                && Objects.equals(image(service), status.getImage());
        if (serving && !url.equals(status.getUrl())) {
            return new BuildAction.RecordUrl(url);
        }
        return new BuildAction.Nothing();
    }

    /** The Build's run token ({@link BuildGroup#RUN_ANNOTATION}), null when unset. */
    static String runToken(Build build) {
        Map<String, String> annotations = build.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(BuildGroup.RUN_ANNOTATION);
    }

    static String image(Service service) {
        if (service.getSpec() == null || service.getSpec().getTemplate() == null
                || service.getSpec().getTemplate().getSpec() == null
                || service.getSpec().getTemplate().getSpec().getContainers().isEmpty()) {
            return null;
        }
        Container container = service.getSpec().getTemplate().getSpec().getContainers().get(0);
        return container.getImage();
    }
}
