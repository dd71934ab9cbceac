package dev.wisp.serving.kubernetes.resources;

import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.serving.v1.Serving;
import java.util.HashMap;
import java.util.Map;

/**
 * Labels of a Revision's Deployment, pods and Service, as Knative sets them: the Revision's own
 * labels (configuration, configurationGeneration, service) plus {@code serving.knative.dev/revision}
 * and {@code serving.knative.dev/revisionUID}, which pods are selected by.
 */
public final class RevisionLabels {
    public static final String REVISION_UID_LABEL = Serving.GROUP + "/revisionUID";
    public static final String APP_LABEL = "app";

    private RevisionLabels() {
    }

    public static Map<String, String> of(Revision revision) {
        Map<String, String> labels = new HashMap<>();
        if (revision.getMetadata().getLabels() != null) {
            labels.putAll(revision.getMetadata().getLabels());
        }
        labels.put(Serving.REVISION_LABEL, revision.getMetadata().getName());
        labels.put(REVISION_UID_LABEL, revision.getMetadata().getUid());
        labels.put(APP_LABEL, revision.getMetadata().getName());
        return labels;
    }

    /** What selects the revision's pods: its uid, so a re-created same-named Revision never adopts old pods. */
    public static Map<String, String> selector(Revision revision) {
        return Map.of(REVISION_UID_LABEL, revision.getMetadata().getUid());
    }
}
