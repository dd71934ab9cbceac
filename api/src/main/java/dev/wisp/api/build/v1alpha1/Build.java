package dev.wisp.api.build.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Build: turns source code (Git or a local directory) into a runnable image and rolls it out to a Service. */
@Group(BuildGroup.GROUP)
@Version(BuildGroup.VERSION)
@Plural("builds")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Build extends CustomResource<BuildSpec, BuildStatus> implements Namespaced {
    @Override
    protected BuildSpec initSpec() {
        return new BuildSpec();
    }

    @Override
    protected BuildStatus initStatus() {
        return new BuildStatus();
    }
}
