package dev.wisp.platform.e2e;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Continuous load on one host from a fixed number of client threads, bounded in requests and time:
 * counts answers per {@code X-Revision} and keeps every failure (non-200 or I/O error) with its reason.
 */
final class TrafficLoad implements AutoCloseable {
    private final Ingress ingress;
    private final String host;
    private final long maxRequests;
    private final Instant deadline;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private final Map<String, AtomicLong> byRevision = new ConcurrentHashMap<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final List<Thread> clients = new ArrayList<>();

    private TrafficLoad(Ingress ingress, String host, long maxRequests, Duration maxTime) {
        this.ingress = ingress;
        this.host = host;
        this.maxRequests = maxRequests;
        this.deadline = Instant.now().plus(maxTime);
    }

    /** Starts {@code clients} threads sending GET / to {@code host} until stopped, {@code maxRequests} or {@code maxTime}. */
    static TrafficLoad start(Ingress ingress, String host, int clients, long maxRequests, Duration maxTime) {
        TrafficLoad load = new TrafficLoad(ingress, host, maxRequests, maxTime);
        for (int i = 0; i < clients; i++) {
            Thread client = new Thread(load::run, "traffic-load-" + i);
            client.setDaemon(true);
            load.clients.add(client);
            client.start();
        }
        return load;
    }

    private void run() {
        while (!stopped.get() && Instant.now().isBefore(deadline) && sent.incrementAndGet() <= maxRequests) {
            try {
                HttpResponse<String> response = ingress.get(host, "/");
                if (response.statusCode() != 200) {
                    failures.add(response.statusCode() + " " + response.body().strip());
                } else {
                    String revision = response.headers().firstValue("X-Revision").orElse("?");
                    byRevision.computeIfAbsent(revision, r -> new AtomicLong()).incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failures.add(e.toString());
            }
        }
    }

    /** Waits for every client to finish (after {@link #close()} or when a bound is reached). */
    void join() throws InterruptedException {
        for (Thread client : clients) {
            client.join(Duration.ofSeconds(120).toMillis());
        }
    }

    long succeeded() {
        return byRevision.values().stream().mapToLong(AtomicLong::get).sum();
    }

    long count(String revision) {
        AtomicLong n = byRevision.get(revision);
        return n == null ? 0 : n.get();
    }

    Map<String, AtomicLong> byRevision() {
        return byRevision;
    }

    List<String> failures() {
        return failures;
    }

    @Override
    public void close() throws InterruptedException {
        stopped.set(true);
        join();
    }
}
