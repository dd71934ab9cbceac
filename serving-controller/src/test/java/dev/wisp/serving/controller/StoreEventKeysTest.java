package dev.wisp.serving.controller;

import static dev.wisp.serving.reconciler.Fixtures.configuration;
import static dev.wisp.serving.reconciler.Fixtures.ownedBy;
import static dev.wisp.serving.reconciler.Fixtures.revision;
import static dev.wisp.serving.reconciler.Fixtures.route;
import static dev.wisp.serving.reconciler.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.store.StoreEvent;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StoreEventKeysTest {

    record Case(String name, StoreEvent event, List<String> expected) {
    }

    static Stream<Case> cases() {
        ConfigMap unrelated = new ConfigMap();
        unrelated.setMetadata(new ObjectMetaBuilder().withName("cm").withNamespace("default").build());
        return Stream.of(
                new Case("service: itself", new StoreEvent(StoreEvent.Type.ADDED, service("hello")),
                        List.of("SERVICE default/hello")),
                new Case("owned route: itself and its service", new StoreEvent(StoreEvent.Type.MODIFIED,
                        ownedBy(route("hello"), service("hello"))), List.of("ROUTE default/hello", "SERVICE default/hello")),
                new Case("owned configuration: itself, its service, every route", new StoreEvent(StoreEvent.Type.MODIFIED,
                        ownedBy(configuration("hello"), service("hello"))),
                        List.of("CONFIGURATION default/hello", "SERVICE default/hello", "ROUTE default/*")),
                new Case("deleted revision: itself, its configuration, every route", new StoreEvent(StoreEvent.Type.DELETED,
                        ownedBy(revision("hello-00001"), configuration("hello"))),
                        List.of("REVISION default/hello-00001", "CONFIGURATION default/hello", "ROUTE default/*")),
                new Case("other kinds: nothing", new StoreEvent(StoreEvent.Type.ADDED, unrelated), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void keysOfChange(Case c) {
        assertThat(StoreEventKeys.keysFor(c.event())).map(ResourceKey::toString).containsExactlyElementsOf(c.expected());
    }
}
