package dev.wisp.api.serving.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Knative Route: a named endpoint that splits traffic between Revisions. */
@Group(Serving.GROUP)
@Version(Serving.VERSION)
@Plural("routes")
@ShortNames("rt")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Route extends CustomResource<RouteSpec, RouteStatus> implements Namespaced {
    @Override
    protected RouteSpec initSpec() {
        return new RouteSpec();
    }

    @Override
    protected RouteStatus initStatus() {
        return new RouteStatus();
    }
}
