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

    /** 413; the connection is closed afterwards so the rest of the body need not be read. */
    static void tooLarge(HttpServerRequest request, int maxEventBytes) {
        request.response().putHeader(HttpHeaders.CONNECTION, "close");
        reply(request, 413, "event larger than the limit of " + maxEventBytes + " bytes");
        request.response().close();
    }
}
