package dev.wisp.serving.kubernetes.scaling;

import dev.wisp.api.autoscaling.ScaleTarget;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.serving.v1.Serving;
import dev.wisp.serving.kubernetes.resources.Names;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The autoscaler's target in Kubernetes mode: sets the replicas of a revision's Deployment
 * {@code {revision}-deployment} through its {@code scale} subresource, and counts the revision's
 * ready pods from the EndpointSlices of its Service ({@code kubernetes.io/service-name={revision}}),
 * watched by one informer over every namespace.
 */
public final class KubernetesScaleTarget implements ScaleTarget, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KubernetesScaleTarget.class);
    static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    private static final String BY_SERVICE = "namespace/service";

    private final KubernetesClient client;
    private final SharedIndexInformer<EndpointSlice> slices;

    /** Starts watching the EndpointSlices of revisions' Services (those labelled with a revision). */
    public KubernetesScaleTarget(KubernetesClient client) {
        this.client = client;
        this.slices = client.discovery().v1().endpointSlices().inAnyNamespace()
                .withLabel(Serving.REVISION_LABEL).runnableInformer(0);
        slices.addIndexers(Map.of(BY_SERVICE, bySliceService()));
        slices.start().toCompletableFuture().join();
    }

    @Override
    public void setDesiredScale(RevisionKey revision, int desired) {
        try {
            client.apps().deployments().inNamespace(revision.namespace())
                    .withName(Names.deployment(revision.name())).scale(desired);
            LOG.debugf("deployment scaled revision=%s replicas=%d", revision, desired);
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                throw e;
            }
            LOG.debugf("deployment not found revision=%s replicas=%d", revision, desired);
        }
    }

    @Override
    public int readyInstances(RevisionKey revision) {
        List<EndpointSlice> ofRevision = slices.getIndexer().byIndex(BY_SERVICE,
                revision.namespace() + "/" + revision.name());
        return ReadyEndpoints.count(ofRevision);
    }

    /** Stops the informer. */
    @Override
    public void close() {
        slices.close();
    }

    private static Function<EndpointSlice, List<String>> bySliceService() {
        return slice -> {
            Map<String, String> labels = slice.getMetadata().getLabels();
            String service = labels == null ? null : labels.get(SERVICE_NAME_LABEL);
            return service == null ? List.of() : List.of(slice.getMetadata().getNamespace() + "/" + service);
        };
    }
}
