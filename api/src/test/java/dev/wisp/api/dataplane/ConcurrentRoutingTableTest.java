package dev.wisp.api.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConcurrentRoutingTableTest {
    private static final RevisionKey V1 = new RevisionKey("default", "hello-00001");
    private static final RevisionKey V2 = new RevisionKey("default", "hello-00002");

    @Test
    void replaceSwapsAndDropsOnlyTheRoutesOwnHosts() {
        ConcurrentRoutingTable table = new ConcurrentRoutingTable();
        table.replace("default", "other", List.of(route("other.default.localhost", "other", V1)));
        table.replace("default", "hello", List.of(route("hello.default.localhost", "hello", V1),
                route("blue-hello.default.localhost", "hello", V1)));

        table.replace("default", "hello", List.of(route("hello.default.localhost", "hello", V2)));

        assertThat(table.lookup("HELLO.default.localhost")).get().extracting(r -> r.targets().get(0).revision()).isEqualTo(V2);
        assertThat(table.lookup("blue-hello.default.localhost")).isEmpty();
        assertThat(table.lookup("other.default.localhost")).isPresent();
        table.remove("default", "hello");
        assertThat(table.lookup("hello.default.localhost")).isEmpty();
        assertThat(table.lookup("other.default.localhost")).isPresent();
    }

    @Test
    void aHostThatStaysIsNeverMissingWhileItsRouteIsReplaced() throws Exception {
        ConcurrentRoutingTable table = new ConcurrentRoutingTable();
        table.replace("default", "hello", List.of(route("hello.default.localhost", "hello", V1)));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger misses = new AtomicInteger();
        Thread reader = new Thread(() -> {
            while (!stop.get()) {
                if (table.lookup("hello.default.localhost").isEmpty()) {
                    misses.incrementAndGet();
                }
            }
        });
        reader.start();
        for (int i = 0; i < 200_000; i++) {
            table.replace("default", "hello", List.of(route("hello.default.localhost", "hello", i % 2 == 0 ? V1 : V2)));
        }
        stop.set(true);
        reader.join();
        assertThat(misses).hasValue(0);
    }

    private static HostRoute route(String host, String routeName, RevisionKey revision) {
        return new HostRoute(host, "default", routeName, List.of(new WeightedRevision(revision, 100)));
    }
}
