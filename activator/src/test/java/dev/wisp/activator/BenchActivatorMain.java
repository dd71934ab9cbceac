package dev.wisp.activator;

import dev.wisp.api.dataplane.Endpoint;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.dataplane.WeightedRevision;
import java.time.Duration;

/**
 * For bench/activator-vs-nginx.sh: runs an activator on {@code args[0]} that routes host
 * {@code bench.default.localhost} to one ready instance at 127.0.0.1:{@code args[1]} (containerConcurrency 0),
 * on {@code args[2]} event loops when given (else the default), until the process is killed.
 */
public final class BenchActivatorMain {

    private BenchActivatorMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int backend = Integer.parseInt(args[1]);
        RevisionKey revision = new RevisionKey("default", "bench-00001");
        ActivatorSettings settings = args.length > 2 && !args[2].isEmpty()
                ? ActivatorSettings.defaults().withEventLoops(Integer.parseInt(args[2])) : ActivatorSettings.defaults();
        ActivatorFixture fixture = new ActivatorFixture(settings, port);
        fixture.instances.declare(revision, 0, Duration.ofSeconds(300));
        fixture.instances.addReady(revision, new Endpoint("bench-a", "127.0.0.1", backend));
        fixture.route("bench.default.localhost", new WeightedRevision(revision, 100));
        System.out.println("activator listening on " + fixture.activator.port());
        Thread.currentThread().join();
    }
}
