package dev.wisp.activator.kubernetes;

import dev.wisp.api.dataplane.InstanceDirectory;
import dev.wisp.api.dataplane.RevisionEndpoints;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.serving.v1.Revision;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The activator's {@link InstanceDirectory} in Kubernetes mode: a revision is known once its
 * Revision was seen, and its ready instances are the ready endpoints of the EndpointSlices labelled
 * {@value #SERVICE_NAME_LABEL}={@code {revision}} in its namespace. Fed by the informers of
 * {@link KubernetesDataPlaneSource}; lookups read a precomputed map and never block on the API.
 */
public final class KubernetesInstanceDirectory implements InstanceDirectory {
    /** The label Kubernetes puts on every EndpointSlice of a Service: the Service's name. */
    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    private static final Logger LOG = Logger.getLogger(KubernetesInstanceDirectory.class);

    private final Map<RevisionKey, RevisionEndpoints> settings = new ConcurrentHashMap<>();
    private final Map<RevisionKey, Map<String, EndpointSlice>> slices = new ConcurrentHashMap<>();
    private final Map<RevisionKey, RevisionEndpoints> published = new ConcurrentHashMap<>();
    private final List<Consumer<RevisionKey>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public RevisionEndpoints endpoints(RevisionKey revision) {
        RevisionEndpoints endpoints = published.get(revision);
        return endpoints == null ? RevisionEndpoints.unknown(revision) : endpoints;
    }

    @Override
    public void subscribe(Consumer<RevisionKey> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** A Revision was added or changed. */
    public void revisionSeen(Revision revision) {
        RevisionKey key = RevisionSettings.key(revision);
        settings.put(key, RevisionSettings.of(revision));
        republish(key);
    }

    /** A Revision was deleted: it is unknown from now on. */
    public void revisionGone(Revision revision) {
        RevisionKey key = RevisionSettings.key(revision);
        settings.remove(key);
        republish(key);
    }

    /** An EndpointSlice was added or changed. */
    public void sliceSeen(EndpointSlice slice) {
        RevisionKey key = revisionOf(slice);
        if (key != null) {
            slices.computeIfAbsent(key, k -> new ConcurrentHashMap<>()).put(slice.getMetadata().getName(), slice);
            republish(key);
        }
    }

    /** An EndpointSlice was deleted: its endpoints leave the rotation. */
    public void sliceGone(EndpointSlice slice) {
        RevisionKey key = revisionOf(slice);
        if (key != null) {
            Map<String, EndpointSlice> ofRevision = slices.get(key);
            if (ofRevision != null) {
                ofRevision.remove(slice.getMetadata().getName());
                if (ofRevision.isEmpty()) {
                    slices.remove(key, ofRevision);
                }
            }
            republish(key);
        }
    }

    private void republish(RevisionKey key) {
        RevisionEndpoints before;
        RevisionEndpoints after;
        synchronized (this) {
            RevisionEndpoints revision = settings.get(key);
            Map<String, EndpointSlice> ofRevision = slices.get(key);
            after = revision == null ? null
                    : revision.withReady(ofRevision == null ? List.of() : ReadyEndpoints.of(ofRevision.values()));
            before = after == null ? published.remove(key) : published.put(key, after);
        }
        if (Objects.equals(before, after)) {
            return;
        }
        LOG.infof("event=revision-endpoints revision=%s known=%s ready=%d", key, after != null,
                after == null ? 0 : after.ready().size());
        for (Consumer<RevisionKey> listener : listeners) {
            try {
                listener.accept(key);
            } catch (RuntimeException e) {
                LOG.warnf("event=endpoints-listener-failed revision=%s cause=\"%s\"", key, e.getMessage());
            }
        }
    }

    private static RevisionKey revisionOf(EndpointSlice slice) {
        Map<String, String> labels = slice.getMetadata().getLabels();
        String service = labels == null ? null : labels.get(SERVICE_NAME_LABEL);
        return service == null ? null : new RevisionKey(slice.getMetadata().getNamespace(), service);
    }
}
