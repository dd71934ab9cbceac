package dev.wisp.api.serving.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Knative Configuration: the desired state of the latest Revision; each template change stamps a new one. */
@Group(Serving.GROUP)
@Version(Serving.VERSION)
@Plural("configurations")
@ShortNames("cfg")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Configuration extends CustomResource<ConfigurationSpec, ConfigurationStatus> implements Namespaced {
    @Override
    protected ConfigurationSpec initSpec() {
        return new ConfigurationSpec();
    }

    @Override
    protected ConfigurationStatus initStatus() {
        return new ConfigurationStatus();
    }
}
