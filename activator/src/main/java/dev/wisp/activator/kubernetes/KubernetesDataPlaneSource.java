package dev.wisp.activator.kubernetes;

import dev.wisp.api.dataplane.RoutingTable;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.serving.v1.Route;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Builds the activator's routing table and instance directory in Kubernetes mode from three
 * cluster-wide informers (list + watch, read-only): Routes ({@code serving.knative.dev/v1}, their
 * {@code status.traffic} -> {@link RouteHosts}), Revisions (their limits) and EndpointSlices
 * ({@code discovery.k8s.io/v1} labelled {@value KubernetesInstanceDirectory#SERVICE_NAME_LABEL}, their
 * ready endpoints). Every activator replica runs one and converges on the same table.
 */
public final class KubernetesDataPlaneSource implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KubernetesDataPlaneSource.class);

    private final KubernetesClient client;
    private final String domain;
    private final RoutingTable routes;
    private final KubernetesInstanceDirectory instances;
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

    /**
     * @param client    the client to watch with (its credentials need the activator's ClusterRole)
     * @param domain    the domain routes' hosts end with ({@code {name}.{namespace}.{domain}})
     * @param routes    the table to fill, read by the activator
     * @param instances the directory to fill, given to the activator
     */
    public KubernetesDataPlaneSource(KubernetesClient client, String domain, RoutingTable routes,
                                     KubernetesInstanceDirectory instances) {
        this.client = Objects.requireNonNull(client, "client");
        this.domain = Objects.requireNonNull(domain, "domain");
        this.routes = Objects.requireNonNull(routes, "routes");
        this.instances = Objects.requireNonNull(instances, "instances");
    }

    /** Starts the informers; completes once each has listed what exists (the table is then complete). */
    public synchronized CompletableFuture<Void> start() {
        if (!informers.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException("the data-plane source was already started"));
        }
        informers.add(handled(client.resources(Revision.class).inAnyNamespace().runnableInformer(0),
                instances::revisionSeen, instances::revisionGone));
        informers.add(handled(client.discovery().v1().endpointSlices().inAnyNamespace()
                        .withLabel(KubernetesInstanceDirectory.SERVICE_NAME_LABEL).runnableInformer(0),
                instances::sliceSeen, instances::sliceGone));
        // Routes last: their hosts then point at revisions whose instances are (mostly) known already.
        informers.add(handled(client.resources(Route.class).inAnyNamespace().runnableInformer(0),
                this::routeSeen, this::routeGone));
        CompletableFuture<?>[] synced = informers.stream()
                .map(informer -> informer.start().toCompletableFuture()).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(synced)
                .whenComplete((ok, error) -> LOG.infof("event=data-plane-source-started domain=%s synced=%s", domain,
                        error == null));
    }

    /** Stops the informers. Idempotent. */
    @Override
    public synchronized void close() {
        informers.forEach(SharedIndexInformer::stop);
        if (!informers.isEmpty()) {
            LOG.info("event=data-plane-source-stopped");
        }
        informers.clear();
    }

    private static <T> SharedIndexInformer<T> handled(SharedIndexInformer<T> informer, Consumer<T> seen,
                                                      Consumer<T> gone) {
        informer.addEventHandler(new ResourceEventHandler<T>() {
            @Override
            public void onAdd(T resource) {
                seen.accept(resource);
            }

            @Override
            public void onUpdate(T previous, T resource) {
                seen.accept(resource);
            }

            @Override
            public void onDelete(T resource, boolean finalStateUnknown) {
                gone.accept(resource);
            }
        });
        return informer;
    }

    private void routeSeen(Route route) {
        var hosts = RouteHosts.of(route, domain);
        if (hosts.isEmpty()) {
            routes.remove(route.getMetadata().getNamespace(), route.getMetadata().getName());
        } else {
            routes.replace(route.getMetadata().getNamespace(), route.getMetadata().getName(), hosts);
        }
        LOG.debugf("event=route-seen route=%s/%s hosts=%d", route.getMetadata().getNamespace(),
                route.getMetadata().getName(), hosts.size());
    }

    private void routeGone(Route route) {
        routes.remove(route.getMetadata().getNamespace(), route.getMetadata().getName());
    }
}
