package dev.wisp.api.serving.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Knative Service: a Configuration and a Route managed together; the unit a user deploys. */
@Group(Serving.GROUP)
@Version(Serving.VERSION)
@Plural("services")
@ShortNames("ksvc")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Service extends CustomResource<ServiceSpec, ServiceStatus> implements Namespaced {
    @Override
    protected ServiceSpec initSpec() {
        return new ServiceSpec();
    }

    @Override
    protected ServiceStatus initStatus() {
        return new ServiceStatus();
    }
}
