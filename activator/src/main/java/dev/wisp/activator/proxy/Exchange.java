package dev.wisp.activator.proxy;

import dev.wisp.activator.timing.DeadlineQueue;
import dev.wisp.api.dataplane.Endpoint;
import dev.wisp.api.dataplane.RevisionKey;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One client request held by the activator from arrival to its answer: the request as it came,
 * which revision it is for, whether it is waiting, connecting or relaying, the instance slot it
 * holds, the body received before an instance was chosen, and how far its response got. It belongs
 * to the event loop of its client's channel: everything but the dispatcher's hand-over (made under
 * the dispatcher's lock) happens there.
 */
public final class Exchange {

    /** Where an exchange is in its life. */
    public enum State { WAITING, CONNECTING, RELAYING, DONE }

    private final HttpRequest request;
    private final ClientStream client;
    private final String authority;
    private final String clientAddress;
    private final boolean keepAlive;
    private final boolean upgrade;
    private final boolean http10;
    private final boolean chunkedBody;
    private final long arrivedNanos = System.nanoTime();
    private RevisionKey revision;
    private Duration timeout = Duration.ZERO;
    private UpstreamProxy proxy;
    private Consumer<Exchange> onClientGone;
    private volatile State state = State.WAITING;
    private volatile Endpoint endpoint;
    private boolean coldStart;
    private long responseStartMillis;
    private long idleMillis;
    private UpstreamConnection upstream;
    private DeadlineQueue.Entry<Exchange> deadline;
    private List<HttpContent> pendingBody;
    private boolean requestComplete;
    private int status;
    private boolean responseEnded;
    private boolean expectContinue;

    /**
     * A request whose head just arrived on {@code client}, addressed to {@code authority}, from
     * {@code clientAddress}; {@code keepAlive} when the client's connection may serve another one.
     */
    public Exchange(HttpRequest request, ClientStream client, String authority, String clientAddress,
                    boolean keepAlive, boolean upgrade) {
        this.request = request;
        this.client = client;
        this.authority = authority;
        this.clientAddress = clientAddress;
        this.keepAlive = keepAlive;
        this.upgrade = upgrade;
        this.http10 = request.protocolVersion() == HttpVersion.HTTP_1_0;
        if (request instanceof RawRequest raw) {
            // Known from its scan (no Expect, no chunks): its header map is not built to look.
            this.requestComplete = raw.contentLength() == 0;
            this.chunkedBody = false;
        } else {
            this.requestComplete = request instanceof LastHttpContent;
            this.expectContinue = HttpUtil.is100ContinueExpected(request);
            this.chunkedBody = HttpUtil.isTransferEncodingChunked(request)
                    && !request.headers().contains(HttpHeaderNames.CONTENT_LENGTH); // a body of unknown length
        }
    }

    /**
     * Admits the exchange for {@code revision}: it is proxied by {@code proxy} (its loop's) within
     * {@code timeout}, and {@code onClientGone} runs if the client goes away before its answer.
     */
    public void admit(RevisionKey newRevision, Duration newTimeout, UpstreamProxy newProxy,
                      Consumer<Exchange> newOnClientGone) {
        this.revision = newRevision;
        this.timeout = newTimeout;
        this.proxy = newProxy;
        this.onClientGone = newOnClientGone;
    }

    public HttpRequest request() {
        return request;
    }

    public HttpMethod method() {
        return request.method();
    }

    public ClientStream client() {
        return client;
    }

    /** {@code host[:port]} as the client addressed it, or "". */
    public String authority() {
        return authority;
    }

    public String clientAddress() {
        return clientAddress;
    }

    /** Whether the client's connection may serve another request after this one. */
    public boolean keepAlive() {
        return keepAlive;
    }

    /** Whether the request's body goes on in chunks (its length is not known). */
    boolean chunkedBody() {
        return chunkedBody;
    }

    /** Whether the client spoke HTTP/1.0 (no chunked responses; keep-alive only when asked for). */
    public boolean http10() {
        return http10;
    }

    /** Whether the request asks to switch protocols (a WebSocket handshake, for example). */
    public boolean upgrade() {
        return upgrade;
    }

    /** The client's event loop. */
    public EventLoop loop() {
        return client.channel().eventLoop();
    }

    /** The proxy (with the connection pool) of the exchange's event loop. */
    public UpstreamProxy proxy() {
        return proxy;
    }

    /** Runs {@code action} on the exchange's event loop: now when already there. */
    public void onLoop(Runnable action) {
        EventLoop loop = loop();
        if (loop.inEventLoop()) {
            action.run();
        } else {
            loop.execute(action);
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
        if (loop().inEventLoop()) {
            deadline = null;
            entry.cancel();
        } else {
            loop().execute(this::cancelDeadline);
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

    /** Marks the request as being sent on {@code connection}; false when the exchange was answered meanwhile. */
    synchronized boolean startRelaying(UpstreamConnection connection) {
        if (state != State.CONNECTING) {
            return false;
        }
        this.upstream = connection;
        this.state = State.RELAYING;
        return true;
    }

    /** Moves the request being relayed to {@code connection} (a resend); false when the exchange ended meanwhile. */
    synchronized boolean switchUpstream(UpstreamConnection connection) {
        if (state != State.RELAYING) {
            return false;
        }
        this.upstream = connection;
        return true;
    }

    public boolean isRelaying() {
        return state == State.RELAYING;
    }

    /** Cancels the upstream request, if one is in flight. */
    public void cancelUpstream() {
        if (upstream != null) {
            upstream.abortFor(this);
        }
    }

    /** Flushes what was written upstream during the client's read batch. */
    public void flushUpstream() {
        if (upstream != null && state == State.RELAYING) {
            upstream.flushRequest();
        }
    }

    /** The client can take more of the response again. */
    public void clientWritable() {
        if (upstream != null && state == State.RELAYING) {
            upstream.clientWritable();
        }
    }

    /** Whether the client waits for "100 Continue" before sending its body (and has not had it yet). */
    boolean continueExpected() {
        return expectContinue;
    }

    void continueSent() {
        expectContinue = false;
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

    /** A piece of the request body arrived from the client (ownership passes here). */
    public void bodyArrived(HttpContent content) {
        if (content instanceof LastHttpContent) {
            requestComplete = true;
        }
        if (upstream != null && state == State.RELAYING) {
            upstream.sendBody(content);
        } else if (state == State.DONE || responseEnded) {
            ReferenceCountUtil.release(content);
        } else {
            if (pendingBody == null) {
                pendingBody = new ArrayList<>(2);
            }
            pendingBody.add(content);
        }
    }

    /** Takes the body received while the exchange waited (empty when none). */
    List<HttpContent> takePendingBody() {
        List<HttpContent> pending = pendingBody;
        pendingBody = null;
        return pending == null ? List.of() : pending;
    }

    /** Whether the whole request (head and body) has arrived from the client. */
    public boolean requestComplete() {
        return requestComplete;
    }

    /** The client went away: drops what was held and tells whoever admitted the exchange. */
    public void clientGone() {
        releasePendingBody();
        if (onClientGone != null && !responseEnded) {
            onClientGone.accept(this);
        }
    }

    /** Releases the body held while waiting (the exchange is answered without forwarding it). */
    public void releasePendingBody() {
        List<HttpContent> pending = takePendingBody();
        for (int i = 0; i < pending.size(); i++) {
            ReferenceCountUtil.release(pending.get(i));
        }
    }

    /** Records that a response head with {@code code} went to the client. */
    public void responseStarted(int code) {
        this.status = code;
    }

    public boolean isResponseStarted() {
        return status != 0;
    }

    /** Records that the response was written to the end. */
    public void responseEnded() {
        this.responseEnded = true;
    }

    public boolean isResponseEnded() {
        return responseEnded;
    }

    /** The status the client got, or 499 (as nginx counts it) when its response did not end. */
    public int statusForMetrics() {
        return responseEnded ? status : 499;
    }
}
