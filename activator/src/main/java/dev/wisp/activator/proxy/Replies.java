package dev.wisp.activator.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Writes the activator's own answers: one line of plain text that says what went wrong. */
public final class Replies {

    private static final String TEXT_PLAIN = "text/plain; charset=utf-8";

    private Replies() {
    }

    /**
     * Answers the exchange's client with {@code status} and the one-line {@code reason}; resets the
     * connection (or stream) instead when a response has already started. A request whose body was
     * not read to the end gets its connection closed after the answer.
     */
    public static void text(Exchange exchange, int status, String reason) {
        if (exchange.isResponseEnded()) {
            return;
        }
        if (exchange.isResponseStarted()) {
            exchange.client().reset();
            return;
        }
        exchange.releasePendingBody();
        FullHttpResponse response = textResponse(status, reason);
        boolean close = ResponseFraming.prepare(exchange, response, !exchange.requestComplete());
        exchange.responseStarted(status);
        exchange.responseEnded();
        exchange.client().channel().writeAndFlush(response, exchange.client().channel().voidPromise());
        exchange.client().responseEnded(exchange, close);
    }

    /** A complete response with {@code status} and the one line {@code reason} as a plain-text body. */
    public static FullHttpResponse textResponse(int status, String reason) {
        ByteBuf body = Unpooled.copiedBuffer(reason + "\n", StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(status), body);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, TEXT_PLAIN)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        return response;
    }

    /** Renders a timeout as Knative users write it: whole seconds when exact, else milliseconds. */
    public static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + "s" : millis + "ms";
    }
}
