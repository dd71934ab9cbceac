package dev.wisp.activator.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;

/**
 * The client side of an {@link Exchange}: the channel its request arrived on (an HTTP/1.1
 * connection or one HTTP/2 stream), and what happens to it when the exchange's response ends.
 * Implemented by the ingress; called on the channel's event loop.
 */
public interface ClientStream {

    /** The channel responses are written to. */
    Channel channel();

    /** Whether the client speaks HTTP/2 on this stream (no connection-level headers, no chunking). */
    boolean http2();

    /** Whether a flush of what the proxy writes upstream can wait: the client's current read batch ends soon. */
    boolean reading();

    /**
     * The exchange's response was written to the end; {@code close} when the connection must close
     * after it (the client asked so, or its body was not read to the end).
     */
    void responseEnded(Exchange exchange, boolean close);

    /**
     * The connection was upgraded (101): from now on it carries raw bytes, which {@code relay}
     * (put in place of the HTTP handlers) copies to the instance. HTTP/1.1 connections only.
     */
    void switchToRaw(ChannelHandler relay);

    /**
     * Writes bytes as they are, past the HTTP encoder: a response head and body relayed verbatim.
     * HTTP/1.1 connections only; the caller flushes.
     */
    void writeRaw(ByteBuf bytes);

    /** The response cannot be completed: close the connection (HTTP/1.1) or reset the stream (HTTP/2). */
    void reset();
}
