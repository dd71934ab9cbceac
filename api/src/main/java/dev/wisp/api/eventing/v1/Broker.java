package dev.wisp.api.eventing.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Knative Broker: an addressable event mesh that stores the events posted to it (Wisp: in a Kafka topic). */
@Group(Eventing.GROUP)
@Version(Eventing.VERSION)
@Plural("brokers")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Broker extends CustomResource<BrokerSpec, BrokerStatus> implements Namespaced {
    @Override
    protected BrokerSpec initSpec() {
        return new BrokerSpec();
    }

    @Override
    protected BrokerStatus initStatus() {
        return new BrokerStatus();
    }
}
