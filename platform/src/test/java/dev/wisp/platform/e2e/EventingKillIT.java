package dev.wisp.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wisp up --eventing} SIGKILLed while events stream into its broker, then started again on
 * the same state directory: every event the broker accepted (202) reaches the subscriber at least
 * once; the Kafka child JVM the killed Wisp left behind is stopped by the next start.
 */
class EventingKillIT {
    private static final int EVENTS = 1_000;
    private static final int HOLD_AFTER = 200;
    private static final int KILL_AFTER = 400;
    private static final int SENDERS = 4;

    @TempDir
    Path stateDir;

    private final Map<String, AtomicInteger> receivedById = new ConcurrentHashMap<>();
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger nextId = new AtomicInteger();
    /** Closed while the subscriber holds its answers, so that accepted events pile up undelivered before the kill. */
    private volatile CountDownLatch subscriberGate = new CountDownLatch(0);

    @Test
    void everyAcceptedEventIsDeliveredAfterAKillInTheMiddleOfAStream() throws Exception {
        HttpServer subscriber = subscriber();
        List<Long> kafkaPids = new ArrayList<>();
        try {
            WispProcess first = WispProcess.start(stateDir, "--eventing");
            try {
                String brokerUrl = EventingWisp.awaitBrokerIngress(first) + "/default/stream";
                applyBrokerAndTrigger(first, subscriber.getAddress().getPort());
                kafkaPids.add(kafkaPid().orElseThrow());

                AtomicBoolean stop = new AtomicBoolean();
                ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
                List<Future<?>> sending = new ArrayList<>();
                for (int i = 0; i < SENDERS; i++) {
                    sending.add(senders.submit(() -> sendUntilFailure(brokerUrl, stop)));
                }
                await("events accepted before holding the subscriber").atMost(Duration.ofSeconds(120))
                        .until(() -> accepted.size() >= HOLD_AFTER);
                subscriberGate = new CountDownLatch(1);
                await("events accepted before the kill").atMost(Duration.ofSeconds(120)).until(() -> accepted.size() >= KILL_AFTER);
                first.kill();
                subscriberGate.countDown();
                stop.set(true);
                senders.shutdown();
                for (Future<?> f : sending) {
                    f.get();
                }
                System.out.printf("killed wisp up after accepted=%d delivered=%d%n", accepted.size(), receivedById.size());
            } finally {
                first.close();
            }
            assertThat(ProcessHandle.of(kafkaPids.get(0)).map(ProcessHandle::isAlive).orElse(false))
                    .as("the embedded Kafka outlives a SIGKILL of wisp up (its child)").isTrue();

            try (WispProcess second = WispProcess.start(stateDir, "--eventing")) {
                String brokerUrl = EventingWisp.awaitBrokerIngress(second) + "/default/stream";
                assertThat(ProcessHandle.of(kafkaPids.get(0)).map(ProcessHandle::isAlive).orElse(false))
                        .as("the left-over Kafka was stopped by the new start").isFalse();
                kafkaPids.add(kafkaPid().orElseThrow());
                await("the broker accepts events again").atMost(Duration.ofSeconds(60))
                        .until(() -> send(brokerUrl, "e-" + nextId.getAndIncrement()));
                while (accepted.size() < EVENTS) {
                    assertThat(send(brokerUrl, "e-" + nextId.getAndIncrement())).as("accepted after the restart").isTrue();
                }
                await("every accepted event delivered").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> assertThat(missing()).as("accepted but never delivered").isEmpty());
                Map<String, Integer> duplicates = receivedById.entrySet().stream().filter(e -> e.getValue().get() > 1)
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get(), (a, b) -> a, TreeMap::new));
                System.out.printf("kill test: accepted=%d delivered=%d duplicates=%d (id=times) %s%n", accepted.size(),
                        receivedById.size(), duplicates.size(), duplicates);
                assertThat(receivedById.keySet()).as("only posted events are delivered").allMatch(id -> id.startsWith("e-"));
            }
            assertThat(kafkaPids).as("no Kafka left after wisp up stopped")
                    .noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        } finally {
            subscriber.stop(0);
            kafkaPids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    private void sendUntilFailure(String brokerUrl, AtomicBoolean stop) {
        while (!stop.get() && nextId.get() < EVENTS) {
            if (!send(brokerUrl, "e-" + nextId.getAndIncrement())) {
                return; // the broker is gone (killed)
            }
        }
    }

    /** Posts one event; true when the broker accepted it (202). */
    private boolean send(String brokerUrl, String id) {
        try {
            if (EventingWisp.post(brokerUrl, id, "com.example.stream", "{\"id\":\"" + id + "\"}") == 202) {
                accepted.add(id);
                return true;
            }
            return false;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> missing() {
        return accepted.stream().filter(id -> !receivedById.containsKey(id)).sorted().limit(20).toList();
    }

    private HttpServer subscriber() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            String id = exchange.getRequestHeaders().getFirst("ce-id");
            exchange.getRequestBody().readAllBytes();
            receivedById.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            try {
                subscriberGate.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private void applyBrokerAndTrigger(WispProcess wisp, int subscriberPort) throws Exception {
        WispProcess.CliResult applied = wisp.cliWithInput("""
                apiVersion: eventing.knative.dev/v1
                kind: Broker
                metadata:
                  name: stream
                ---
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: sink
                spec:
                  broker: stream
                  subscriber:
                    uri: http://127.0.0.1:%d/
                """.formatted(subscriberPort), "apply", "-f", "-");
        assertThat(applied.exitCode()).as(applied.toString()).isZero();
        EventingWisp.awaitTriggerReady(wisp, "sink");
    }

    private Optional<Long> kafkaPid() throws IOException {
        Path pidFile = stateDir.resolve("kafka").resolve("kafka.pid");
        return Files.exists(pidFile) ? Optional.of(Long.parseLong(Files.readString(pidFile).trim())) : Optional.empty();
    }
}
