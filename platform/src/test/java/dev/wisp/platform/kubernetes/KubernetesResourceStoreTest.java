package dev.wisp.platform.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.wisp.api.eventing.v1.Broker;
import dev.wisp.api.eventing.v1.BrokerStatus;
import dev.wisp.api.store.StoreEvent;
import dev.wisp.api.store.StoreException;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Kubernetes-backed store against the fabric8 mock API server in CRUD mode, with Wisp's own CRDs installed. */
@EnableKubernetesMockClient(crud = true)
class KubernetesResourceStoreTest {
    static KubernetesClient client;

    private KubernetesResourceStore store;

    @BeforeEach
    void installCrdAndStart() throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("../deploy/crds/brokers.eventing.knative.dev.yaml"))) {
            CustomResourceDefinition crd = client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
            client.apiextensions().v1().customResourceDefinitions().resource(crd).createOr(c -> c.update());
        }
        store = new KubernetesResourceStore(client, List.of(Broker.class));
        store.start();
    }

    @AfterEach
    void stop() {
        store.close();
        client.resources(Broker.class).inAnyNamespace().delete();
    }

    @Test
    void createsGetsAndRefusesASecondResourceOfTheSameName() {
        Broker created = store.create(broker("team-a", "default"));

        assertThat(created.getMetadata().getUid()).isNotBlank();
        assertThat(store.get(Broker.class, "team-a", "default")).get()
                .extracting(b -> b.getMetadata().getUid()).isEqualTo(created.getMetadata().getUid());
        assertThat(store.get(Broker.class, "team-a", "missing")).isEmpty();
        assertThatThrownBy(() -> store.create(broker("team-a", "default")))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.ALREADY_EXISTS))
                .hasMessageContaining("brokers team-a/default");
    }

    @Test
    void listsAcrossNamespacesSortedByNamespaceThenName() {
        store.create(broker("b-ns", "zeta"));
        store.create(broker("a-ns", "beta"));
        store.create(broker("a-ns", "alpha"));

        assertThat(store.list(Broker.class, null)).extracting(b -> b.getMetadata().getNamespace() + "/" + b.getMetadata().getName())
                .containsExactly("a-ns/alpha", "a-ns/beta", "b-ns/zeta");
        assertThat(store.list(Broker.class, "b-ns")).extracting(b -> b.getMetadata().getName()).containsExactly("zeta");
    }

    @Test
    void statusIsWrittenOnlyThroughUpdateStatus() {
        Broker created = store.create(broker("default", "default"));
        created.setStatus(new BrokerStatus());
        created.getStatus().setObservedGeneration(7L);
        store.updateStatus(created);

        Broker relabelled = store.get(Broker.class, "default", "default").orElseThrow();
        relabelled.getMetadata().setLabels(java.util.Map.of("team", "a"));
        relabelled.getStatus().setObservedGeneration(99L);
        store.update(relabelled);

        Broker stored = store.get(Broker.class, "default", "default").orElseThrow();
        assertThat(stored.getMetadata().getLabels()).containsEntry("team", "a");
        assertThat(stored.getStatus().getObservedGeneration()).isEqualTo(7L);
    }

    @Test
    void aStaleResourceVersionIsAConflict() {
        Broker created = store.create(broker("default", "default"));
        Broker first = store.get(Broker.class, "default", "default").orElseThrow();
        first.getMetadata().setLabels(java.util.Map.of("v", "1"));
        store.update(first);

        created.getMetadata().setLabels(java.util.Map.of("v", "stale"));
        assertThatThrownBy(() -> store.update(created)).isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.CONFLICT));
        assertThat(store.get(Broker.class, "default", "default").orElseThrow().getMetadata().getLabels())
                .containsEntry("v", "1");
    }

    @Test
    void deleteSaysWhetherTheResourceExisted() {
        store.create(broker("default", "default"));

        assertThat(store.delete(Broker.class, "default", "default")).isTrue();
        assertThat(store.delete(Broker.class, "default", "default")).isFalse();
        assertThat(store.get(Broker.class, "default", "default")).isEmpty();
    }

    @Test
    void listenersHearAdditionsChangesAndDeletions() {
        List<String> heard = new CopyOnWriteArrayList<>();
        store.addListener(e -> heard.add(e.type() + " " + e.resource().getMetadata().getName()));

        Broker created = store.create(broker("default", "events"));
        created.getMetadata().setLabels(java.util.Map.of("changed", "yes"));
        store.update(created);
        store.delete(Broker.class, "default", "events");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(heard).containsExactly(
                StoreEvent.Type.ADDED + " events", StoreEvent.Type.MODIFIED + " events", StoreEvent.Type.DELETED + " events"));
    }

    private static Broker broker(String namespace, String name) {
        Broker broker = new Broker();
        broker.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
        return broker;
    }
}
