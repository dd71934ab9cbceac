package dev.wisp.activator.proxy;

import io.netty.handler.codec.http.HttpHeaders;
import io.vertx.core.MultiMap;
import io.vertx.core.http.impl.headers.HeadersAdaptor;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The Netty {@link HttpHeaders} behind a Vert.x {@link MultiMap}, so that headers can be walked as
 * the {@code CharSequence}s they were decoded into instead of being turned into new Strings one by
 * one: Vert.x's own header map is a Netty one, and a client response's headers are a
 * {@link HeadersAdaptor} around one. Null when the map is neither (callers then walk the MultiMap).
 */
final class NettyHeaderView {

    private static final VarHandle ADAPTED = adaptedField();

    private NettyHeaderView() {
    }

    static HttpHeaders of(MultiMap headers) {
        if (headers instanceof HttpHeaders netty) {
            return netty;
        }
        if (ADAPTED != null && headers instanceof HeadersAdaptor) {
            return (HttpHeaders) ADAPTED.get(headers);
        }
        return null;
    }

    private static VarHandle adaptedField() {
        try {
            return MethodHandles.privateLookupIn(HeadersAdaptor.class, MethodHandles.lookup())
                    .findVarHandle(HeadersAdaptor.class, "headers", HttpHeaders.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // another Vert.x layout: the generic path still works
        }
    }
}
