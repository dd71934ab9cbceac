package dev.wisp.activator.ingress;

import dev.wisp.activator.ActivatorSettings;
import dev.wisp.activator.dispatch.RevisionDispatcher;
import dev.wisp.activator.handler.HostRouter;
import dev.wisp.activator.handler.RevisionGate;
import dev.wisp.activator.handler.TrafficSplitter;
import dev.wisp.activator.metrics.TrafficLedger;
import dev.wisp.activator.proxy.Exchange;
import dev.wisp.activator.proxy.UpstreamProxy;
import dev.wisp.activator.timing.LoopDeadlines;
import dev.wisp.api.dataplane.InstanceDirectory;
import dev.wisp.api.dataplane.RoutingTable;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The activator's HTTP server on Netty: its own event loops (one per core by default, on the
 * native epoll transport where available), each with its own handler chain ({@link HostRouter} ->
 * {@link TrafficSplitter} -> {@link RevisionGate}), connection pool to instances and
 * {@link ConnectionGuard}; the {@link RevisionDispatcher} and {@link TrafficLedger} are shared.
 * Each loop is pinned to a CPU of its own when the settings and the machine call for it ({@link LoopCpus}).
 */
public final class IngressServer {

    /** What every loop shares. */
    public record Shared(ActivatorSettings settings, RoutingTable routes, InstanceDirectory directory,
                         TrafficLedger ledger, RevisionDispatcher dispatcher, Clock clock) {
    }

    private static final Logger LOG = Logger.getLogger(IngressServer.class);
    private static final long SWEEP_MILLIS = 1000;

    private final Shared shared;
    private final boolean epoll = Epoll.isAvailable();
    private final EventLoopGroup group;
    private final Map<EventLoop, LoopIngress> loops = new IdentityHashMap<>();
    private final LoopCpus loopCpus;
    private Channel server;

    public IngressServer(Shared shared) {
        this.shared = shared;
        DefaultThreadFactory threads = new DefaultThreadFactory("wisp-activator", true);
        int count = shared.settings().eventLoops();
        this.group = epoll ? new EpollEventLoopGroup(count, threads) : new NioEventLoopGroup(count, threads);
        this.loopCpus = LoopCpus.plan(shared.settings().loopAffinity(), count, CpuAffinity::allowedCpus);
    }

    /** Binds the server; completes with the port it listens on (useful with port 0). */
    public CompletionStage<Integer> start() {
        SplittableRandom seeds = new SplittableRandom();
        int index = 0;
        for (EventExecutor executor : group) {
            EventLoop loop = (EventLoop) executor;
            if (loopCpus.pinned()) {
                int cpu = loopCpus.cpuOf(index);
                loop.execute(() -> pinToCpu(cpu));
            }
            index++;
            LoopIngress ingress = newLoop(loop, seeds.split());
            loops.put(loop, ingress);
            loop.scheduleAtFixedRate(() -> ingress.guard().sweep(System.nanoTime()), SWEEP_MILLIS, SWEEP_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
        Class<? extends ServerChannel> serverType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        CompletableFuture<Integer> bound = new CompletableFuture<>();
        new ServerBootstrap()
                .group(group)
                .channel(serverType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ClientChannelInitializer(Map.copyOf(loops)))
                .bind(shared.settings().host(), shared.settings().port())
                .addListener(done -> {
                    if (done.isSuccess()) {
                        server = ((io.netty.channel.ChannelFuture) done).channel();
                        bound.complete(((InetSocketAddress) server.localAddress()).getPort());
                    } else {
                        group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
                        bound.completeExceptionally(done.cause());
                    }
                });
        return bound;
    }

    /** Stops listening and closes every client and instance connection; completes when the loops ended. */
    public CompletionStage<Void> stop() {
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        if (server != null) {
            server.close();
        }
        loops.forEach((loop, ingress) -> loop.execute(ingress::close));
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).addListener(done -> stopped.complete(null));
        return stopped;
    }

    /** Where the loops were placed: pinned to which CPUs, or why not. */
    public LoopCpus loopCpus() {
        return loopCpus;
    }

    /** The CPUs each loop may run on, as the kernel lists them (such as {@code 1} or {@code 0-3}). */
    public CompletionStage<List<String>> loopAffinities() {
        List<CompletableFuture<String>> each = new ArrayList<>();
        for (EventExecutor loop : group) {
            each.add(CompletableFuture.supplyAsync(CpuAffinity::kernelList, loop));
        }
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> each.stream().map(CompletableFuture::join).toList());
    }

    /** Whether the loops run on Netty's native epoll transport. */
    public boolean nativeTransport() {
        return epoll;
    }

    /** Runs on the loop to pin. */
    private static void pinToCpu(int cpu) {
        if (!CpuAffinity.pinCurrentThread(cpu)) {
            LOG.warnf("event=event-loop-not-pinned thread=%s cpu=%d", Thread.currentThread().getName(), cpu);
        }
    }

    private LoopIngress newLoop(EventLoop loop, SplittableRandom random) {
        ActivatorSettings settings = shared.settings();
        UpstreamProxy proxy = new UpstreamProxy(loop, epoll ? EpollSocketChannel.class : NioSocketChannel.class);
        LoopDeadlines<Exchange> deadlines = new LoopDeadlines<>(loop, shared.dispatcher()::expire);
        RevisionGate gate = new RevisionGate(deadlines, shared.directory(), shared.ledger(), shared.dispatcher(),
                shared.clock(), proxy);
        HostRouter router = new HostRouter(shared.routes(), new TrafficSplitter(random, gate));
        ConnectionGuard guard = new ConnectionGuard(settings.headerTimeout(), settings.keepAliveTimeout());
        return new LoopIngress(settings, router, proxy, deadlines, guard);
    }
}
