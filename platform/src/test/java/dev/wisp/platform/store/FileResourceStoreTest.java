package dev.wisp.platform.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wisp.api.serving.v1.Configuration;
import dev.wisp.api.serving.v1.RevisionSpec;
import dev.wisp.api.serving.v1.RevisionTemplateSpec;
import dev.wisp.api.serving.v1.Service;
import dev.wisp.api.serving.v1.ServiceStatus;
import dev.wisp.api.store.StoreEvent;
import dev.wisp.api.store.StoreException;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileResourceStoreTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path root;

    @Test
    void resourcesSurviveReopeningWithServerSetMetadata() {
        FileResourceStore store = FileResourceStore.open(root, CLOCK);
        Service created = store.create(service("hello", "img:1"));
        assertThat(created.getMetadata().getUid()).isNotBlank();
        assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
        assertThat(created.getMetadata().getCreationTimestamp()).isEqualTo("2026-11-27T10:00:00Z");

        FileResourceStore reopened = FileResourceStore.open(root, CLOCK);
        Service loaded = reopened.get(Service.class, "default", "hello").orElseThrow();
        assertThat(loaded.getMetadata().getUid()).isEqualTo(created.getMetadata().getUid());
        assertThat(loaded.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("img:1");
        Service next = reopened.create(service("other", "img:1"));
        assertThat(Long.parseLong(next.getMetadata().getResourceVersion()))
                .isGreaterThan(Long.parseLong(created.getMetadata().getResourceVersion()));
    }

    @Test
    void anInterruptedWriteLeavesThePreviousVersionIntact() throws IOException {
        FileResourceStore store = FileResourceStore.open(root, CLOCK);
        store.create(service("hello", "img:1"));
        Path file = root.resolve("services.serving.knative.dev/default/hello.json");
        assertThat(file).exists();
        // What a crash between writing the temporary file and renaming it leaves behind:
        Files.writeString(file.resolveSibling("hello.json.tmp"), "{\"apiVersion\":\"serving.knative.dev/v1\",\"kind\":\"Serv");

        FileResourceStore reopened = FileResourceStore.open(root, CLOCK);
        assertThat(reopened.get(Service.class, "default", "hello").orElseThrow()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("img:1");
        assertThat(file.resolveSibling("hello.json.tmp")).doesNotExist();
    }

    @Test
    void aCorruptFileStopsTheStoreWithAMessageNamingIt() throws IOException {
        Path file = root.resolve("services.serving.knative.dev/default/broken.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{ not json");
        assertThatThrownBy(() -> FileResourceStore.open(root, CLOCK))
                .isInstanceOf(StoreException.class).hasMessageContaining(file.toString());
    }

    @Test
    void generationChangesOnlyWithTheSpecAndStatusIsKeptOnUpdate() {
        FileResourceStore store = FileResourceStore.open(root, CLOCK);
        store.create(service("hello", "img:1"));
        Service withStatus = store.get(Service.class, "default", "hello").orElseThrow();
        ServiceStatus status = new ServiceStatus();
        status.setUrl("http://hello.default.localhost");
        withStatus.setStatus(status);
        store.updateStatus(withStatus);

        Service labelled = service("hello", "img:1");
        labelled.getMetadata().setLabels(java.util.Map.of("team", "a"));
        Service afterLabel = store.update(labelled);
        assertThat(afterLabel.getMetadata().getGeneration()).isEqualTo(1L);
        assertThat(afterLabel.getStatus().getUrl()).isEqualTo("http://hello.default.localhost");

        Service afterSpec = store.update(service("hello", "img:2"));
        assertThat(afterSpec.getMetadata().getGeneration()).isEqualTo(2L);
        assertThat(afterSpec.getStatus().getUrl()).isEqualTo("http://hello.default.localhost");
    }

    @Test
    void unchangedUpdatesWriteNothingAndNotifyNobody() {
        FileResourceStore store = FileResourceStore.open(root, CLOCK);
        List<StoreEvent> events = new ArrayList<>();
        store.addListener(events::add);
        Service created = store.create(service("hello", "img:1"));
        Service same = store.update(service("hello", "img:1"));
        assertThat(same.getMetadata().getResourceVersion()).isEqualTo(created.getMetadata().getResourceVersion());
        assertThat(events).extracting(StoreEvent::type).containsExactly(StoreEvent.Type.ADDED);
    }

    @Test
    void conflictsAndDuplicatesAreRefused() {
        FileResourceStore store = FileResourceStore.open(root, CLOCK);
        Service created = store.create(service("hello", "img:1"));
        assertThatThrownBy(() -> store.create(service("hello", "img:1")))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.ALREADY_EXISTS));
        store.update(service("hello", "img:2"));
        Service stale = service("hello", "img:3");
        stale.getMetadata().setResourceVersion(created.getMetadata().getResourceVersion());
        assertThatThrownBy(() -> store.update(stale))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.CONFLICT));
        assertThatThrownBy(() -> store.update(service("missing", "img:1")))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.NOT_FOUND));
    }

    @Test
    void deletingAnOwnerDeletesWhatItOwnsOnDiskToo() {
        FileResourceStore store = FileResourceStore.open(root, CLOCK);
        Service owner = store.create(service("hello", "img:1"));
        Configuration child = new Configuration();
        child.setMetadata(new ObjectMetaBuilder().withName("hello").withNamespace("default")
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("serving.knative.dev/v1").withKind("Service")
                        .withName("hello").withUid(owner.getMetadata().getUid()).withController(true).build())
                .build());
        store.create(child);
        List<StoreEvent> events = new ArrayList<>();
        store.addListener(events::add);

        assertThat(store.delete(Service.class, "default", "hello")).isTrue();
        assertThat(store.list(Configuration.class, null)).isEmpty();
        assertThat(events).extracting(StoreEvent::type).containsExactly(StoreEvent.Type.DELETED, StoreEvent.Type.DELETED);
        assertThat(FileResourceStore.open(root, CLOCK).list(Configuration.class, null)).isEmpty();
        assertThat(store.delete(Service.class, "default", "hello")).isFalse();
    }

    @Test
    void readersGetCopiesThatCannotChangeTheStore() {
        FileResourceStore store = FileResourceStore.open(root, CLOCK);
        store.create(service("hello", "img:1"));
        Service copy = store.get(Service.class, "default", "hello").orElseThrow();
        copy.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("changed");
        assertThat(store.get(Service.class, "default", "hello").orElseThrow()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("img:1");
    }

    private static Service service(String name, String image) {
        Service service = new Service();
        service.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("default").build());
        RevisionTemplateSpec template = new RevisionTemplateSpec();
        RevisionSpec spec = new RevisionSpec();
        spec.setContainers(List.of(new ContainerBuilder().withImage(image).build()));
        template.setSpec(spec);
        service.getSpec().setTemplate(template);
        return service;
    }
}
