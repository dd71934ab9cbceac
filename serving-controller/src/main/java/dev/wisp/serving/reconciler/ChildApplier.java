package dev.wisp.serving.reconciler;

import dev.wisp.api.store.ResourceStore;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The one apply step every reconciler uses for its children: create the desired child if it is
 * missing, update it when its spec, labels or owners differ, leave it alone otherwise. Status is
 * never touched here; the child's own reconciler owns it.
 */
public final class ChildApplier {
    private static final Logger LOG = Logger.getLogger(ChildApplier.class);

    private final ResourceStore store;

    public ChildApplier(ResourceStore store) {
        this.store = store;
    }

    /** Applies {@code desired} given the child as currently stored (empty if missing). */
    public <T extends HasMetadata> ApplyOutcome apply(T desired, Optional<T> existing) {
        if (existing.isEmpty()) {
            store.create(desired);
            log(desired, ApplyOutcome.CREATED);
            return ApplyOutcome.CREATED;
        }
        T current = existing.get();
        if (upToDate(desired, current)) {
            return ApplyOutcome.UNCHANGED;
        }
        store.update(merged(desired, current));
        log(desired, ApplyOutcome.UPDATED);
        return ApplyOutcome.UPDATED;
    }

    /** Whether {@code current} already has the desired spec, labels (a superset is fine) and owners. */
    public static boolean upToDate(HasMetadata desired, HasMetadata current) {
        return Json.same(spec(desired), spec(current))
                && labels(current).entrySet().containsAll(labels(desired).entrySet())
                && Objects.equals(desired.getMetadata().getOwnerReferences(), current.getMetadata().getOwnerReferences());
    }

    /** The update to store: {@code desired} with the current annotations, resourceVersion and extra labels kept. */
    @SuppressWarnings("unchecked")
    public static <T extends HasMetadata> T merged(T desired, T current) {
        T result = Json.copy(desired, (Class<T>) desired.getClass());
        Map<String, String> labels = new HashMap<>(labels(current));
        labels.putAll(labels(desired));
        result.getMetadata().setLabels(labels);
        result.getMetadata().setAnnotations(current.getMetadata().getAnnotations());
        result.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
        return result;
    }

    private static Object spec(HasMetadata resource) {
        return Json.tree(resource).get("spec");
    }

    private static Map<String, String> labels(HasMetadata resource) {
        Map<String, String> labels = resource.getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }

    private static void log(HasMetadata child, ApplyOutcome outcome) {
        LOG.infof("child applied kind=%s namespace=%s name=%s outcome=%s", child.getKind(),
                child.getMetadata().getNamespace(), child.getMetadata().getName(), outcome);
    }
}
