package dev.wisp.activator.proxy;

import dev.wisp.api.dataplane.Endpoint;
import dev.wisp.api.dataplane.RevisionKey;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;

/**
 * One client request held by the activator from arrival to its answer: which revision it is for,
 * whether it is waiting, connecting or relaying, and the instance slot it holds. Used on the
 * event loop only.
 */
public final class Exchange {

    /** Where an exchange is in its life. */
    public enum State { WAITING, CONNECTING, RELAYING, DONE }

    private final HttpServerRequest request;
    private final RevisionKey revision;
    private final Duration timeout;
    private State state = State.WAITING;
    private Endpoint endpoint;
    private HttpClientRequest upstream;
    private long timerId = -1;
    private boolean continueSent;

    public Exchange(HttpServerRequest request, RevisionKey revision, Duration timeout) {
        this.request = request;
        this.revision = revision;
        this.timeout = timeout;
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

    public long timerId() {
        return timerId;
    }

    public void timerId(long id) {
        this.timerId = id;
    }

    /** Takes a slot on {@code instance}: the exchange is now connecting to it. */
    public void assign(Endpoint instance) {
        this.endpoint = instance;
        this.state = State.CONNECTING;
    }

    /** The connection to the assigned instance failed: the exchange waits again, without a slot. */
    public void backToWaiting() {
        this.endpoint = null;
        this.upstream = null;
        this.state = State.WAITING;
    }

    /** Marks the upstream request as sent; false when the exchange was answered meanwhile. */
    public boolean startRelaying(HttpClientRequest request) {
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
    public boolean finish() {
        if (state == State.DONE) {
            return false;
        }
        state = State.DONE;
        return true;
    }

    /** Gives up the instance slot: returns the instance it was held on, or null when none. */
    public Endpoint releaseEndpoint() {
        Endpoint held = endpoint;
        endpoint = null;
        return held;
    }
}
