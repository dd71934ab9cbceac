package dev.wisp.activator.proxy;

import dev.wisp.api.dataplane.Endpoint;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * One keep-alive HTTP/1.1 connection to an instance, and the relay of the exchange it carries:
 * sends the request (head, the body held while waiting, then the rest as it arrives, with
 * backpressure both ways), relays the response to the client as it comes, enforces Knative's
 * response-start and idle timeouts, and goes back to its pool when both messages ended cleanly.
 * Lives on one event loop.
 */
final class UpstreamConnection extends ChannelInboundHandlerAdapter implements ChannelFutureListener {

    private static final Logger LOG = Logger.getLogger(UpstreamConnection.class);

    private final UpstreamProxy proxy;
    private final Endpoint endpoint;
    private final RawResponseReader reader = new RawResponseReader(this);
    private Channel channel;
    private Exchange exchange;
    private UpstreamProxy.Listener listener;
    private boolean responseStarted;
    private boolean skippingInformational;
    private boolean reusable;
    private boolean bodySent;
    private boolean lastSent;
    private boolean chunkedBody;
    private boolean closeClientAfter;
    private boolean reused;
    private boolean clientUnflushed;
    private final UpstreamDeadlines deadlines;

    UpstreamConnection(UpstreamProxy proxy, Endpoint endpoint) {
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.deadlines = new UpstreamDeadlines(this, proxy);
    }

    Endpoint endpoint() {
        return endpoint;
    }

    Channel channel() {
        return channel;
    }

    RawResponseReader reader() {
        return reader;
    }

    boolean isActive() {
        return channel != null && channel.isActive();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.channel = ctx.channel();
    }

    /**
     * Sends the exchange's request on this connection ({@code reused}: taken from the pool);
     * {@code listener} hears how it ended.
     */
    void begin(Exchange next, UpstreamProxy.Listener nextListener, boolean reused) {
        this.exchange = next;
        this.listener = nextListener;
        this.reused = reused;
        responseStarted = false;
        skippingInformational = false;
        reusable = true;
        bodySent = false;
        lastSent = false;
        closeClientAfter = reader.expect(next);
        chunkedBody = next.chunkedBody();
        deadlines.arm(next);
        channel.write(proxy.requestHead(next, chunkedBody, channel.alloc()), channel.newPromise().addListener(this));
        List<HttpContent> pending = next.takePendingBody();
        for (int i = 0; i < pending.size(); i++) {
            writeBody(pending.get(i));
        }
        if (next.requestComplete() && !lastSent) {
            writeBody(LastHttpContent.EMPTY_LAST_CONTENT); // its end went out on a connection that failed
        }
        if (lastSent || exchange != next) {
            return; // flushed with the last piece, or failed while writing and handed on
        }
        if (!next.client().reading()) {
            channel.flush();
        }
        if (exchange == next && !next.requestComplete()) {
            proxy.sendContinueIfExpected(next);
            next.client().channel().config().setAutoRead(channel.isWritable());
        }
    }

    /** The head's write: when it failed, nothing reached the instance and the request may go elsewhere. */
    @Override
    public void operationComplete(ChannelFuture written) {
        Exchange current = exchange;
        if (written.isSuccess() || current == null || responseStarted) {
            return;
        }
        LOG.debugf("event=send-failed revision=%s instance=%s cause=\"%s\"", current.revision(),
                endpoint.instanceId(), written.cause());
        if (retriedOnFreshConnection(current)) {
            return;
        }
        if (bodySent) {
            failClient(current, "failed while receiving the request: " + written.cause());
        }
        end(bodySent ? ProxyOutcome.FAILED : ProxyOutcome.CONNECT_FAILED, false);
    }

    /** A piece of the request body arrived from the client while relaying. */
    void sendBody(HttpContent content) {
        writeBody(content);
        if (lastSent) {
            return;
        }
        Exchange current = exchange;
        if (current != null && !current.client().reading()) {
            channel.flush();
        }
        if (current != null) {
            Backpressure.afterWrite(channel, current.client().channel());
        }
    }

    private void writeBody(HttpContent content) {
        if (content.content().isReadable()) {
            bodySent = true;
        }
        RequestWriter.writeBody(channel, content, chunkedBody);
        if (content instanceof LastHttpContent) {
            lastSent = true;
            channel.flush();
        }
    }

    /** Flushes what the client's read batch wrote. */
    void flushRequest() {
        channel.flush();
    }

    /** The client can take more: read the instance's response again. */
    void clientWritable() {
        channel.config().setAutoRead(true);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Exchange current = exchange;
        if (current != null && !lastSent && channel.isWritable()) {
            current.client().channel().config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Exchange current = exchange;
        if (current == null) {
            ReferenceCountUtil.release(msg);
            channel.close(); // an answer nobody asked for: the connection is out of step
            return;
        }
        deadlines.read();
        if (msg instanceof HttpResponse response && !responseHead(current, response)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpContent content) {
            responseBody(current, content);
        }
    }

    /** Relays the head of the instance's response; false when the message goes no further. */
    private boolean responseHead(Exchange current, HttpResponse response) {
        if (response.decoderResult().isFailure()) {
            fail(current, "failed while answering: malformed response: " + response.decoderResult().cause().getMessage());
            return false;
        }
        int code = response.status().code();
        if (code == 101 && current.upgrade()) {
            deadlines.disarm();
            UpgradeTunnel.splice(current, this, response, listener);
            exchange = null;
            return false;
        }
        if (code < 200) {
            skippingInformational = true; // 1xx: the activator answered Expect itself
            return false;
        }
        if (!current.isRelaying()) {
            abort();
            return false;
        }
        ForwardedHeaders.rewriteResponse(response.headers());
        closeClientAfter = ResponseFraming.prepare(current, response, false);
        startResponse(current, code, HttpUtil.isKeepAlive(response), response);
        return true;
    }

    private void responseBody(Exchange current, HttpContent content) {
        if (skippingInformational) {
            skippingInformational = !(content instanceof LastHttpContent);
            content.release();
            return;
        }
        if (!responseStarted || !current.isRelaying()) {
            content.release();
            abort();
            return;
        }
        if (content instanceof LastHttpContent last) {
            if (last.decoderResult().isFailure()) {
                last.release();
                fail(current, "failed while answering: malformed response body");
                return;
            }
            writeToClient(current, last);
            finish(true);
            return;
        }
        relayBody(current, content);
    }

    /** Writes the head of the response to the client: bytes as its client gets them, or an HTTP message. */
    void startResponse(Exchange current, int status, boolean instanceKeepsAlive, Object head) {
        responseStarted = true;
        deadlines.responseStarted();
        reusable = instanceKeepsAlive;
        current.responseStarted(status);
        writeToClient(current, head);
    }

    /** Writes a piece of the response's body to the client (bytes, or an HTTP message), with backpressure. */
    void relayBody(Exchange current, Object body) {
        writeToClient(current, body);
        Backpressure.afterWrite(current.client().channel(), channel);
    }

    /** Writes to the client: bytes as they are (a response relayed verbatim), or HTTP messages through its encoder. */
    private void writeToClient(Exchange current, Object msg) {
        if (msg instanceof ByteBuf bytes) {
            current.client().writeRaw(bytes);
        } else {
            current.client().channel().write(msg, current.client().channel().voidPromise());
        }
        clientUnflushed = true;
    }

    /** The exchange that bytes from the instance are for, or null (bytes released, connection closed) when it is over. */
    Exchange relayingOrAbort(ByteBuf bytes) {
        Exchange current = exchange;
        if (current == null || !current.isRelaying()) {
            bytes.release();
            abort();
            return null;
        }
        deadlines.read();
        return current;
    }

    /** The response was written to its end: flushed, settled, connection pooled when clean (no bytes past it). */
    void finish(boolean clean) {
        Exchange current = exchange;
        if (current == null) {
            return;
        }
        boolean closeClient = closeClientAfter; // end() may start the next exchange on this connection
        current.client().channel().flush();
        clientUnflushed = false;
        current.responseEnded();
        end(ProxyOutcome.COMPLETED, reusable && lastSent && clean && !reader.decoder().holdsBytes());
        current.client().responseEnded(current, closeClient);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        Exchange current = exchange;
        if (clientUnflushed && current != null) {
            clientUnflushed = false;
            current.client().channel().flush();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        proxy.pool().remove(this);
        Exchange current = exchange;
        if (current != null && !retriedOnFreshConnection(current)) {
            fail(current, "failed while answering: the connection closed");
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debugf("event=upstream-error instance=%s cause=\"%s\"", endpoint.instanceId(), cause);
        channel.close();
    }

    /** Cancels {@code cancelled} if this connection still carries it: the connection closes. */
    void abortFor(Exchange cancelled) {
        if (exchange == cancelled) {
            abort();
        }
    }

    /** Cancels the exchange on this connection: the connection closes (its response will never be read). */
    void abort() {
        Exchange current = exchange;
        if (current != null) {
            end(ProxyOutcome.ABANDONED, false);
        }
        channel.close();
    }

    /**
     * A kept-alive connection the instance closed (its keep-alive timeout) just as it was reused:
     * nothing of the request's body went out and not a byte came back, so the request is sent again
     * on a new connection to the same instance. False when that does not apply.
     */
    private boolean retriedOnFreshConnection(Exchange current) {
        if (!reused || responseStarted || bodySent || reader.heardFromInstance()) {
            return false; // the instance may have acted on the request: never send it twice
        }
        UpstreamProxy.Listener told = listener;
        exchange = null;
        listener = null;
        deadlines.disarm();
        channel.close();
        LOG.debugf("event=stale-connection revision=%s instance=%s", current.revision(), endpoint.instanceId());
        proxy.resend(current, endpoint, told);
        return true;
    }

    /** The instance failed: 502 when nothing reached the client yet, else the client is cut off. */
    private void fail(Exchange current, String what) {
        LOG.debugf("event=upstream-failed revision=%s instance=%s cause=\"%s\"", current.revision(),
                endpoint.instanceId(), what);
        failClient(current, what); // before the exchange is settled: the reply is what gets counted
        end(ProxyOutcome.FAILED, false);
    }

    private static void failClient(Exchange current, String what) {
        if (current.isRelaying()) {
            Replies.text(current, 502, "revision " + current.revision() + " " + what);
        }
    }

    /** Detaches the exchange, returns the connection to the pool when {@code clean} (else closes it), reports. */
    private void end(ProxyOutcome outcome, boolean clean) {
        Exchange done = exchange;
        UpstreamProxy.Listener told = listener;
        exchange = null;
        listener = null;
        deadlines.disarm();
        if (clean && channel.isActive()) {
            channel.config().setAutoRead(true);
            proxy.pool().offer(this);
        } else {
            channel.close();
        }
        if (done != null && told != null) {
            told.ended(done, endpoint, outcome);
        }
    }

    /** A timeout check fell due (on the loop). */
    void timerFired() {
        Exchange current = exchange;
        String expired = current == null ? null : deadlines.fired(current);
        if (expired == null) {
            return;
        }
        LOG.debugf("event=upstream-timeout revision=%s instance=%s", current.revision(), endpoint.instanceId());
        if (current.isRelaying()) {
            Replies.text(current, 504, "revision " + current.revision() + " " + expired);
        }
        end(ProxyOutcome.FAILED, false);
    }
}
