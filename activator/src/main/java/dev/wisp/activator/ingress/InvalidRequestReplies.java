package dev.wisp.activator.ingress;

import dev.wisp.activator.ActivatorSettings;
import dev.wisp.activator.proxy.Replies;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import org.jboss.logging.Logger;

/**
 * Answers requests the HTTP decoder could not parse, with a reason, and closes their connection:
 * 414 for a request line that is too long, 431 for a header block that is too large, 400 for
 * anything else malformed.
 */
final class InvalidRequestReplies {

    private static final Logger LOG = Logger.getLogger(InvalidRequestReplies.class);

    private InvalidRequestReplies() {
    }

    /** Answers the malformed request that {@code cause} describes on {@code channel}, then closes it. */
    static void reply(Channel channel, Throwable cause, ActivatorSettings settings) {
        int status;
        String reason;
        if (cause instanceof TooLongHttpLineException) {
            status = 414;
            reason = "request line longer than " + settings.maxRequestLineLength() + " bytes";
        } else if (cause instanceof TooLongHttpHeaderException) {
            status = 431;
            reason = "request header block larger than " + settings.maxHeaderSize() + " bytes";
        } else {
            status = 400;
            reason = "malformed HTTP request: " + (cause == null ? "unparseable" : cause.getMessage());
        }
        LOG.debugf("event=invalid-request status=%d remote=%s", status, channel.remoteAddress());
        FullHttpResponse response = Replies.textResponse(status, reason);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        channel.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
