package dev.wisp.api.serving.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Knative Revision: an immutable snapshot of code and configuration that runs as instances. */
@Group(Serving.GROUP)
@Version(Serving.VERSION)
@Plural("revisions")
@ShortNames("rev")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Revision extends CustomResource<RevisionSpec, RevisionStatus> implements Namespaced {
    @Override
    protected RevisionSpec initSpec() {
        return new RevisionSpec();
    }

    @Override
    protected RevisionStatus initStatus() {
        return new RevisionStatus();
    }
}
