package dev.wisp.activator.ingress;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import org.jboss.logging.Logger;

/**
 * Answers requests the HTTP decoder could not parse, with a reason, and closes their connection:
 * 414 for a request line that is too long, 431 for a header block that is too large, 400 for
 * anything else malformed.
 */
final class InvalidRequestReplies implements Handler<HttpServerRequest> {

    private static final Logger LOG = Logger.getLogger(InvalidRequestReplies.class);

    private final int maxHeaderSize;
    private final int maxRequestLineLength;

    InvalidRequestReplies(int maxHeaderSize, int maxRequestLineLength) {
        this.maxHeaderSize = maxHeaderSize;
        this.maxRequestLineLength = maxRequestLineLength;
    }

    @Override
    public void handle(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        int status;
        String reason;
        if (cause instanceof TooLongHttpLineException) {
            status = 414;
            reason = "request line longer than " + maxRequestLineLength + " bytes";
        } else if (cause instanceof TooLongHttpHeaderException) {
            status = 431;
            reason = "request header block larger than " + maxHeaderSize + " bytes";
        } else {
            status = 400;
            reason = "malformed HTTP request: " + (cause == null ? "unparseable" : cause.getMessage());
        }
        LOG.debugf("event=invalid-request status=%d remote=%s", status, request.remoteAddress());
        request.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(reason + "\n")
                .onComplete(ar -> request.connection().close());
    }
}
