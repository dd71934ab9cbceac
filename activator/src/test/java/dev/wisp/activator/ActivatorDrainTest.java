package dev.wisp.activator;

import static dev.wisp.activator.ActivatorFixture.revision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wisp.api.dataplane.Endpoint;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.dataplane.WeightedRevision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Instances leaving under continuous load: drained and stopped (no request fails), or SIGKILLed. */
class ActivatorDrainTest {

    private static final RevisionKey HELLO = revision("hello-00001");
    private static final String HOST = "hello.default.localhost";
    private static final int CLIENTS = 8;
    private ActivatorFixture fixture;
    private final AtomicBoolean loading = new AtomicBoolean(true);
    private final AtomicInteger succeeded = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    /** When each failed request was sent (System.nanoTime()). */
    private final List<Long> failedSentAt = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    private final List<Process> children = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        fixture = new ActivatorFixture(ActivatorSettings.defaults().withEventLoops(2));
        fixture.route(HOST, new WeightedRevision(HELLO, 100));
        fixture.instances.declare(HELLO, 0, Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() throws Exception {
        loading.set(false);
        clients.shutdownNow();
        children.forEach(Process::destroyForcibly);
        fixture.close();
    }

    @Test
    void scalingThreeToOneWithDrainingLosesNoRequest() throws Exception {
        List<UpstreamServer> instances = new ArrayList<>();
        for (String id : List.of("a", "b", "c")) {
            UpstreamServer upstream = fixture.keep(UpstreamServer.start(fixture.vertx, id,
                    request -> fixture.vertx.setTimer(30, t -> request.response().end(id))));
            fixture.instances.addReady(HELLO, upstream.endpoint());
            instances.add(upstream);
        }
        List<Future<?>> load = startLoad();
        await().atMost(Duration.ofSeconds(30)).until(() -> succeeded.get() >= 100);

        for (UpstreamServer leaving : instances.subList(1, 3)) {
            stopLikeTheRuntime(leaving);
        }
        int servedByLeavers = instances.get(1).served.get() + instances.get(2).served.get();
        int before = succeeded.get();
        await().atMost(Duration.ofSeconds(30)).until(() -> succeeded.get() >= before + 100);
        stopLoad(load);

        assertThat(failed).as("failed requests").hasValue(0);
        assertThat(instances.get(1).served.get() + instances.get(2).served.get()).isEqualTo(servedByLeavers);
        System.out.printf("drain 3->1: succeeded=%d failed=%d%n", succeeded.get(), failed.get());
    }

    @Test
    void aKilledInstanceFailsOnlyRequestsInFlightOnItAndNewOnesGoElsewhere() throws Exception {
        UpstreamServer survivor = fixture.keep(UpstreamServer.start(fixture.vertx, "a",
                request -> fixture.vertx.setTimer(30, t -> request.response().end("a"))));
        fixture.instances.addReady(HELLO, survivor.endpoint());
        ChildUpstream.Started victim = ChildUpstream.start("k", 30);
        children.add(victim.process());
        fixture.instances.addReady(HELLO, new Endpoint("k", "127.0.0.1", victim.port()));
        List<Future<?>> load = startLoad();
        await().atMost(Duration.ofSeconds(30)).until(() -> succeeded.get() >= 100);

        long killedAt = System.nanoTime();
        victim.process().destroyForcibly(); // SIGKILL
        victim.process().onExit().get(10, TimeUnit.SECONDS);
        fixture.instances.removeReady(HELLO, "k"); // what the runtime does when it sees the exit
        long removedAt = System.nanoTime();
        int before = succeeded.get();
        await().atMost(Duration.ofSeconds(30)).until(() -> succeeded.get() >= before + 100);
        stopLoad(load);

        long startedBeforeKill = failedSentAt.stream().filter(t -> t < killedAt).count();
        long sentAfterRemoval = failedSentAt.stream().filter(t -> t > removedAt).count();
        System.out.printf("SIGKILL: succeeded=%d failed=%d (sent before the kill: %d, between kill and removal: %d,"
                + " after removal: %d)%n", succeeded.get(), failed.get(), startedBeforeKill,
                failed.get() - startedBeforeKill - sentAfterRemoval, sentAfterRemoval);
        assertThat(failed.get()).as("failures are bounded by the requests that had started on the killed instance")
                .isLessThanOrEqualTo(CLIENTS);
        assertThat(sentAfterRemoval).as("failed requests sent after the instance left the rotation").isZero();
    }

    /** What the process runtime does: out of rotation, wait for the drain, then stop the process. */
    private void stopLikeTheRuntime(UpstreamServer leaving) throws Exception {
        String id = leaving.endpoint().instanceId();
        fixture.instances.removeReady(HELLO, id);
        fixture.activator.drained(HELLO, id, Duration.ofSeconds(30)).toCompletableFuture().get(30, TimeUnit.SECONDS);
        // The upstream counts a response as finished a moment after the activator has relayed its end.
        await("requests in flight on a drained instance").atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(leaving.inFlight).hasValue(0));
        leaving.close();
    }

    private List<Future<?>> startLoad() {
        List<Future<?>> load = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            load.add(clients.submit(this::requestUntilStopped));
        }
        return load;
    }

    private void stopLoad(List<Future<?>> load) throws Exception {
        loading.set(false);
        for (Future<?> client : load) {
            client.get(30, TimeUnit.SECONDS);
        }
    }

    private void requestUntilStopped() {
        while (loading.get()) {
            long sentAt = System.nanoTime();
            boolean ok;
            try {
                ok = fixture.get(HOST, "/").statusCode() == 200;
            } catch (Exception e) {
                ok = false;
            }
            if (ok) {
                succeeded.incrementAndGet();
            } else {
                failedSentAt.add(sentAt);
                failed.incrementAndGet();
            }
        }
    }
}
