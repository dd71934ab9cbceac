package dev.wisp.eventing.receiver;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/** The answers of the broker ingress: a status and a one-line plain-text reason. */
final class IngressResponses {

    private IngressResponses() {
    }

    static void reply(HttpServerRequest request, int status, String reason) {
        if (request.response().ended()) {
            return;
        }
        request.response().setStatusCode(status);
        if (reason.isEmpty()) {
            request.response().end();
        } else {
            request.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8").end(reason + "\n");
        }
    }

    /**
     * Bodies up to this size are read and dropped after a 413 so that the connection stays usable
     * and the client, still sending, gets the answer; a larger one has its connection closed.
     */
    static final long DRAIN_LIMIT = 16L * 1024 * 1024;

    /**
     * 413, while the client may still be sending its body: the rest is read and dropped (closing
     * with unread bytes would reset the connection and could destroy the answer before the client
     * reads it), unless it is larger than {@link #DRAIN_LIMIT}: then the connection is closed.
     * {@code received} is how much of the body was read already.
     */
    static void tooLarge(HttpServerRequest request, int maxEventBytes, long received) {
        long[] drained = {received};
        request.handler(chunk -> {
            drained[0] += chunk.length();
            if (drained[0] > DRAIN_LIMIT) {
                request.connection().close();
            }
        });
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        boolean drain = declared == null || parsesAtMost(declared, DRAIN_LIMIT);
        if (!drain) {
            request.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
        reply(request, 413, "event larger than the limit of " + maxEventBytes + " bytes");
        if (!drain) {
            request.response().close();
        }
    }

    private static boolean parsesAtMost(String length, long limit) {
        try {
            return Long.parseLong(length.trim()) <= limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
