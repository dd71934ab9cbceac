package dev.wisp.api.eventing.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Knative Trigger: a subscription to a Broker's events that pass a filter, delivered to a subscriber. */
@Group(Eventing.GROUP)
@Version(Eventing.VERSION)
@Plural("triggers")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Trigger extends CustomResource<TriggerSpec, TriggerStatus> implements Namespaced {
    @Override
    protected TriggerSpec initSpec() {
        return new TriggerSpec();
    }

    @Override
    protected TriggerStatus initStatus() {
        return new TriggerStatus();
    }
}
