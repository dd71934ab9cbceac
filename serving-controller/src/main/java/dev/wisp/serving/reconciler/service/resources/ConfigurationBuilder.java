package dev.wisp.serving.reconciler.service.resources;

import dev.wisp.api.serving.v1.Configuration;
import dev.wisp.api.serving.v1.ConfigurationSpec;
import dev.wisp.api.serving.v1.RevisionTemplateSpec;
import dev.wisp.api.serving.v1.Service;
import dev.wisp.serving.reconciler.Json;
import dev.wisp.serving.reconciler.service.Names;

/** Builds the Configuration a Service wants: its name, labels, owner and the Service's template. */
public final class ConfigurationBuilder {

    private ConfigurationBuilder() {
    }

    public static Configuration make(Service service) {
        Configuration configuration = new Configuration();
        configuration.setMetadata(ServiceChildMetadata.of(service, Names.configuration(service)));
        ConfigurationSpec spec = new ConfigurationSpec();
        spec.setTemplate(Json.copy(service.getSpec().getTemplate(), RevisionTemplateSpec.class));
        configuration.setSpec(spec);
        return configuration;
    }
}
