package dev.wisp.activator.handler;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;

/**
 * The authority a client addressed: the {@code Host} header in HTTP/1.x, the {@code :authority}
 * pseudo-header in HTTP/2 (where there is no Host header).
 */
public final class RequestAuthority {
    private RequestAuthority() {
    }

    /** {@code host[:port]} as the client sent it, or "" when it sent none. */
    public static String of(HttpServerRequest request) {
        // The Host header as sent, when there is one: no parsing and re-joining per request.
        String host = request.getHeader(HttpHeaders.HOST);
        if (host != null && !host.isEmpty()) {
            return host;
        }
        HostAndPort authority = request.authority();
        if (authority != null && authority.host() != null && !authority.host().isEmpty()) {
            return authority.port() >= 0 ? authority.host() + ":" + authority.port() : authority.host();
        }
        return "";
    }
}
