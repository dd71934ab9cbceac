package dev.wisp.activator.proxy;

import dev.wisp.activator.timing.DeadlineQueue;
import dev.wisp.api.dataplane.Endpoint;
import dev.wisp.api.dataplane.RevisionKey;
import io.vertx.core.Context;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;

/**
 * One client request held by the activator from arrival to its answer: which revision it is for,
 * whether it is waiting, connecting or relaying, and the instance slot it holds. It belongs to
 * the event loop its client connection is on: everything but the dispatcher's hand-over (made
 * under the dispatcher's lock) happens there.
 */
public final class Exchange {

    /** Where an exchange is in its life. */
    public enum State { WAITING, CONNECTING, RELAYING, DONE }

    private final HttpServerRequest request;
    private final RevisionKey revision;
    private final Duration timeout;
    private final Context context;
    private final Thread loopThread;
    private final UpstreamProxy proxy;
    private final long arrivedNanos = System.nanoTime();
    private volatile State state = State.WAITING;
    private volatile Endpoint endpoint;
    private boolean coldStart;
    private long responseStartMillis;
    private long idleMillis;
    private HttpClientRequest upstream;
    private DeadlineQueue.Entry<Exchange> deadline;
    private boolean continueSent;

    public Exchange(HttpServerRequest request, RevisionKey revision, Duration timeout, Context context,
                    Thread loopThread, UpstreamProxy proxy) {
        this.loopThread = loopThread;
        this.request = request;
        this.revision = revision;
        this.timeout = timeout;
        this.context = context;
        this.proxy = proxy;
    }

    /** The event-loop context of the client's connection. */
    public Context context() {
        return context;
    }

    /** The proxy (with the connection pool) of the exchange's event loop. */
    public UpstreamProxy proxy() {
        return proxy;
    }

    /** Runs {@code action} on the exchange's event loop: now when already there. */
    public void onLoop(Runnable action) {
        // Compare threads, not contexts: Vert.x runs each request on its own duplicate of the loop's context.
        if (Thread.currentThread() == loopThread) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }

    /** Sets Knative's responseStartTimeout and idleTimeout for this exchange, in ms; 0 = none. */
    public void upstreamTimeouts(long newResponseStartMillis, long newIdleMillis) {
        this.responseStartMillis = newResponseStartMillis;
        this.idleMillis = newIdleMillis;
    }

    public long responseStartMillis() {
        return responseStartMillis;
    }

    public long idleMillis() {
        return idleMillis;
    }

    public long arrivedNanos() {
        return arrivedNanos;
    }

    /** Whether the exchange arrived while its revision had no ready instance. */
    public boolean coldStart() {
        return coldStart;
    }

    public void markColdStart() {
        this.coldStart = true;
    }

    /** The instance the exchange holds a slot on, or null. */
    public Endpoint endpoint() {
        return endpoint;
    }

    public HttpServerRequest request() {
        return request;
    }

    public RevisionKey revision() {
        return revision;
    }

    public Duration timeout() {
        return timeout;
    }

    public State state() {
        return state;
    }

    public boolean isWaiting() {
        return state == State.WAITING;
    }

    public boolean isDone() {
        return state == State.DONE;
    }

    /** Sets the pending timeout of this exchange (see {@code LoopDeadlines}). */
    public void deadline(DeadlineQueue.Entry<Exchange> entry) {
        this.deadline = entry;
    }

    /** Cancels the exchange's timeout, on its event loop (whose deadline queue it is in). */
    public void cancelDeadline() {
        DeadlineQueue.Entry<Exchange> entry = deadline;
        if (entry == null) {
            return;
        }
        if (Thread.currentThread() == loopThread) {
            deadline = null;
            entry.cancel();
        } else {
            context.runOnContext(v -> cancelDeadline());
        }
    }

    /** Takes a slot on {@code instance}: the exchange is now connecting to it. */
    public synchronized void assign(Endpoint instance) {
        this.endpoint = instance;
        this.state = State.CONNECTING;
    }

    /** The connection to the assigned instance failed: the exchange waits again, without a slot. */
    public synchronized void backToWaiting() {
        this.endpoint = null;
        this.upstream = null;
        this.state = State.WAITING;
    }

    /** Marks the upstream request as sent; false when the exchange was answered meanwhile. */
    public synchronized boolean startRelaying(HttpClientRequest request) {
        if (state != State.CONNECTING) {
            return false;
        }
        this.upstream = request;
        this.state = State.RELAYING;
        return true;
    }

    public boolean isRelaying() {
        return state == State.RELAYING;
    }

    /** Answers "Expect: 100-continue" once, when the body is about to be forwarded. */
    public void sendContinueIfExpected() {
        String expect = request.getHeader("expect");
        if (!continueSent && expect != null && expect.equalsIgnoreCase("100-continue")) {
            continueSent = true;
            request.response().writeContinue();
        }
    }

    /** Cancels the upstream request, if one is in flight. */
    public void cancelUpstream() {
        if (upstream != null) {
            upstream.reset();
        }
    }

    /** Marks the exchange done; false when it already was. */
    public synchronized boolean finish() {
        if (state == State.DONE) {
            return false;
        }
        state = State.DONE;
        return true;
    }

    /** Gives up the instance slot: returns the instance it was held on, or null when none. */
    public synchronized Endpoint releaseEndpoint() {
        Endpoint held = endpoint;
        endpoint = null;
        return held;
    }
}
