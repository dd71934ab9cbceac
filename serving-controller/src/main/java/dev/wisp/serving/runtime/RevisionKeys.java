package dev.wisp.serving.runtime;

import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.serving.v1.Revision;

/** Derives the {@link RevisionKey} a runtime files a revision under; an unset namespace is {@code default}. */
public final class RevisionKeys {

    private static final String DEFAULT_NAMESPACE = "default";

    private RevisionKeys() {
    }

    /** The key of {@code revision}, which must have a name. */
    public static RevisionKey of(Revision revision) {
        if (revision.getMetadata() == null || revision.getMetadata().getName() == null) {
            throw new IllegalArgumentException("a revision needs metadata.name to run");
        }
        String namespace = revision.getMetadata().getNamespace();
        return new RevisionKey(namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace,
                revision.getMetadata().getName());
    }
}
