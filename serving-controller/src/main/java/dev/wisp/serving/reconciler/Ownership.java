package dev.wisp.serving.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.List;
import java.util.Optional;

/** Controller owner references: building one for a parent and telling whether a child has it. */
public final class Ownership {

    private Ownership() {
    }

    /** The ownerReference a child controlled by {@code owner} carries (controller and blockOwnerDeletion true). */
    public static OwnerReference controllerReference(HasMetadata owner) {
        return new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind())
                .withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    /** The child's controller owner reference, if it has one. */
    public static Optional<OwnerReference> controllerOf(HasMetadata child) {
        List<OwnerReference> refs = child.getMetadata().getOwnerReferences();
        if (refs == null) {
            return Optional.empty();
        }
        return refs.stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst();
    }

    /** Whether {@code owner} (by uid) is the controller of {@code child}. */
    public static boolean isControlledBy(HasMetadata child, HasMetadata owner) {
        String uid = owner.getMetadata().getUid();
        return controllerOf(child).map(r -> r.getUid() != null && r.getUid().equals(uid)).orElse(false);
    }
}
