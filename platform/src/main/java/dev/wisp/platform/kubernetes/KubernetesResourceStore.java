package dev.wisp.platform.kubernetes;

import dev.wisp.api.store.ResourceStore;
import dev.wisp.api.store.StoreEvent;
import dev.wisp.api.store.StoreException;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A {@link ResourceStore} on the Kubernetes API server, so that the components written against the
 * store (the eventing reconcilers, the broker receiver's directory) run unchanged in Kubernetes mode.
 * The API server keeps uid, generation and resourceVersion; its garbage collector deletes what an
 * owner owns (deletes here ask for background propagation). Listeners hear about changes through one
 * informer per watched kind, started by {@link #start()}.
 */
public final class KubernetesResourceStore implements ResourceStore, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KubernetesResourceStore.class);
    private static final Comparator<HasMetadata> BY_NAMESPACE_AND_NAME = Comparator
            .comparing((HasMetadata r) -> Objects.toString(r.getMetadata().getNamespace(), ""))
            .thenComparing(r -> r.getMetadata().getName());

    private final KubernetesClient client;
    private final List<Class<? extends HasMetadata>> watchedKinds;
    private final List<Consumer<StoreEvent>> listeners = new CopyOnWriteArrayList<>();
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

    /** A store on {@code client}'s cluster whose listeners hear about changes to {@code watchedKinds}. */
    public KubernetesResourceStore(KubernetesClient client, List<Class<? extends HasMetadata>> watchedKinds) {
        this.client = client;
        this.watchedKinds = List.copyOf(watchedKinds);
    }

    /** Starts one informer per watched kind in all namespaces; returns once each has listed what exists. */
    public synchronized void start() {
        for (Class<? extends HasMetadata> kind : watchedKinds) {
            informers.add(inform(kind));
        }
        LOG.infof("kubernetes store started kinds=%d master=%s", watchedKinds.size(), client.getMasterUrl());
    }

    private <T extends HasMetadata> SharedIndexInformer<T> inform(Class<T> kind) {
        return client.resources(kind).inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(T resource) {
                publish(new StoreEvent(StoreEvent.Type.ADDED, resource));
            }

            @Override
            public void onUpdate(T before, T after) {
                if (!Objects.equals(before.getMetadata().getResourceVersion(), after.getMetadata().getResourceVersion())) {
                    publish(new StoreEvent(StoreEvent.Type.MODIFIED, after));
                }
            }

            @Override
            public void onDelete(T resource, boolean finalStateUnknown) {
                publish(new StoreEvent(StoreEvent.Type.DELETED, resource));
            }
        }, 0);
    }

    private void publish(StoreEvent event) {
        for (Consumer<StoreEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warnf("store listener failed kind=%s name=%s error=%s", event.resource().getKind(),
                        event.resource().getMetadata().getName(), e.toString());
            }
        }
    }

    @Override
    public <T extends HasMetadata> Optional<T> get(Class<T> type, String namespace, String name) {
        return call("get " + describe(type, namespace, name), false,
                () -> Optional.ofNullable(client.resources(type).inNamespace(namespace).withName(name).get()));
    }

    @Override
    public <T extends HasMetadata> List<T> list(Class<T> type, String namespace) {
        List<T> items = call("list " + HasMetadata.getPlural(type), false, () -> namespace == null
                ? client.resources(type).inAnyNamespace().list().getItems()
                : client.resources(type).inNamespace(namespace).list().getItems());
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(BY_NAMESPACE_AND_NAME);
        return sorted;
    }

    @Override
    public <T extends HasMetadata> T create(T resource) {
        return call("create " + describe(resource), true, () -> client.resource(resource).create());
    }

    @Override
    public <T extends HasMetadata> T update(T resource) {
        return call("update " + describe(resource), false, () -> client.resource(resource).update());
    }

    @Override
    public <T extends HasMetadata> T updateStatus(T resource) {
        return call("update status of " + describe(resource), false, () -> client.resource(resource).updateStatus());
    }

    @Override
    public boolean delete(Class<? extends HasMetadata> type, String namespace, String name) {
        return call("delete " + describe(type, namespace, name), false, () -> !client.resources(type)
                .inNamespace(namespace).withName(name)
                .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete().isEmpty());
    }

    @Override
    public void addListener(Consumer<StoreEvent> listener) {
        listeners.add(listener);
    }

    /** Stops the informers. */
    @Override
    public synchronized void close() {
        informers.forEach(SharedIndexInformer::close);
        informers.clear();
    }

    private static <R> R call(String what, boolean creating, Supplier<R> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            throw new StoreException(reason(e.getCode(), creating), what + ": " + message(e), e);
        }
    }

    static StoreException.Reason reason(int httpStatus, boolean creating) {
        return switch (httpStatus) {
            case 404 -> StoreException.Reason.NOT_FOUND;
            case 409 -> creating ? StoreException.Reason.ALREADY_EXISTS : StoreException.Reason.CONFLICT;
            case 400, 422 -> StoreException.Reason.INVALID;
            default -> StoreException.Reason.INTERNAL;
        };
    }

    private static String message(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return e.getStatus().getMessage();
        }
        return e.getMessage();
    }

    private static String describe(HasMetadata resource) {
        return describe(resource.getClass(), resource.getMetadata().getNamespace(), resource.getMetadata().getName());
    }

    private static String describe(Class<? extends HasMetadata> type, String namespace, String name) {
        return HasMetadata.getPlural(type) + " " + namespace + "/" + name;
    }
}
