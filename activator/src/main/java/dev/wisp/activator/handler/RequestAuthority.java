package dev.wisp.activator.handler;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;

/**
 * The authority a client addressed: the {@code Host} header in HTTP/1.x, the {@code :authority}
 * pseudo-header in HTTP/2 (which arrives here as Host: Netty translates it).
 */
public final class RequestAuthority {
    private RequestAuthority() {
    }

    /** {@code host[:port]} as the client sent it, or "" when it sent none. */
    public static String of(HttpRequest request) {
        String host = request.headers().get(HttpHeaderNames.HOST);
        return host == null ? "" : host;
    }
}
