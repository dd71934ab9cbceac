package dev.wisp.activator.proxy;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

/**
 * Tells from its head alone whether a client request has a body: an HTTP/1.x request without
 * {@code Transfer-Encoding} and without a non-zero {@code Content-Length} has none (RFC 9112 6.3),
 * so it needs neither pausing nor a pipe. HTTP/2 requests and upgrades are always treated as having one.
 */
public final class RequestBody {

    private RequestBody() {
    }

    /** Whether {@code request} certainly has no body and is not an upgrade. */
    public static boolean isAbsent(HttpServerRequest request) {
        HttpVersion version = request.version();
        if (version != HttpVersion.HTTP_1_1 && version != HttpVersion.HTTP_1_0) {
            return false;
        }
        String contentLength = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (contentLength != null && !contentLength.equals("0")) {
            return false;
        }
        return !request.headers().contains(HttpHeaders.TRANSFER_ENCODING) && !UpgradeTunnel.isUpgrade(request);
    }
}
