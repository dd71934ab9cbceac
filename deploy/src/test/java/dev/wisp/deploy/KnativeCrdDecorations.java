package dev.wisp.deploy;

import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Adds to each generated CRD what the {@code api} classes do not say and Knative's own CRDs have:
 * the printer columns {@code kubectl get} shows (URL, READY, REASON, ...) and the categories
 * ({@code kubectl get knative} lists every Knative resource). Done here, not with annotations on
 * the model, so that the {@code api} classes and their JSON stay as they are.
 */
public final class KnativeCrdDecorations implements CRDPostProcessor {
    private static final String READY = ".status.conditions[?(@.type=='Ready')].status";
    private static final String REASON = ".status.conditions[?(@.type=='Ready')].reason";

    /** Knative's printer columns per CRD name, in Knative's order. */
    static final Map<String, List<CustomResourceColumnDefinition>> COLUMNS = Map.of(
            "services.serving.knative.dev", List.of(
                    column("URL", "string", ".status.url"),
                    column("LatestCreated", "string", ".status.latestCreatedRevisionName"),
                    column("LatestReady", "string", ".status.latestReadyRevisionName"),
                    column("Ready", "string", READY),
                    column("Reason", "string", REASON)),
            "configurations.serving.knative.dev", List.of(
                    column("LatestCreated", "string", ".status.latestCreatedRevisionName"),
                    column("LatestReady", "string", ".status.latestReadyRevisionName"),
                    column("Ready", "string", READY),
                    column("Reason", "string", REASON)),
            "revisions.serving.knative.dev", List.of(
                    column("Config Name", "string", ".metadata.labels['serving\\.knative\\.dev/configuration']"),
                    column("Generation", "string", ".metadata.labels['serving\\.knative\\.dev/configurationGeneration']"),
                    column("Ready", "string", READY),
                    column("Reason", "string", REASON),
                    column("Actual Replicas", "integer", ".status.actualReplicas"),
                    column("Desired Replicas", "integer", ".status.desiredReplicas")),
            "routes.serving.knative.dev", List.of(
                    column("URL", "string", ".status.url"),
                    column("Ready", "string", READY),
                    column("Reason", "string", REASON)),
            "brokers.eventing.knative.dev", List.of(
                    column("URL", "string", ".status.address.url"),
                    column("Age", "date", ".metadata.creationTimestamp"),
                    column("Ready", "string", READY),
                    column("Reason", "string", REASON)),
            "triggers.eventing.knative.dev", List.of(
                    column("Broker", "string", ".spec.broker"),
                    column("Subscriber_URI", "string", ".status.subscriberUri"),
                    column("Age", "date", ".metadata.creationTimestamp"),
                    column("Ready", "string", READY),
                    column("Reason", "string", REASON)),
            "builds.build.wisp.dev", List.of(
                    column("Succeeded", "string", ".status.conditions[?(@.type=='Succeeded')].status"),
                    column("Reason", "string", ".status.conditions[?(@.type=='Succeeded')].reason"),
                    column("Image", "string", ".status.image"),
                    column("URL", "string", ".status.url"),
                    column("Age", "date", ".metadata.creationTimestamp")));

    @Override
    public HasMetadata process(HasMetadata resource, String crdSpecVersion) {
        CustomResourceDefinition crd = (CustomResourceDefinition) resource;
        String name = crd.getMetadata().getName();
        List<CustomResourceColumnDefinition> columns = COLUMNS.get(name);
        if (columns == null) {
            throw new IllegalStateException("no printer columns declared for CRD " + name + "; add them to KnativeCrdDecorations.COLUMNS");
        }
        for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
            version.setAdditionalPrinterColumns(new ArrayList<>(columns));
        }
        crd.getSpec().getNames().setCategories(categories(crd.getSpec().getGroup()));
        return crd;
    }

    /** Knative's categories: {@code all}, {@code knative} and the API's own ({@code serving}, {@code eventing}). */
    private static List<String> categories(String group) {
        return List.of("all", "knative", group.substring(0, group.indexOf('.')));
    }

    private static CustomResourceColumnDefinition column(String name, String type, String jsonPath) {
        CustomResourceColumnDefinition column = new CustomResourceColumnDefinition();
        column.setName(name);
        column.setType(type);
        column.setJsonPath(jsonPath);
        return column;
    }
}
