package dev.wisp.activator.proxy;

import io.vertx.core.MultiMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the headers a proxied request and response carry: everything end-to-end is copied
 * (Host included), hop-by-hop headers are dropped, and the X-Forwarded-* headers are added.
 */
public final class ForwardedHeaders {

    static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade");

    private ForwardedHeaders() {
    }

    /**
     * The headers to send upstream for a request that arrived with {@code incoming} from
     * {@code clientAddress} over {@code scheme}.
     */
    public static MultiMap forRequest(MultiMap incoming, String clientAddress, String scheme) {
        String host = incoming.get("host");
        return forRequest(incoming, host == null ? "" : host, clientAddress, scheme);
    }

    /**
     * The headers to send upstream for a request the client addressed to {@code authority}: the
     * instance sees the client's Host (HTTP/2's :authority becomes Host), never a pseudo-header.
     */
    public static MultiMap forRequest(MultiMap incoming, String authority, String clientAddress, String scheme) {
        MultiMap out = endToEnd(incoming);
        out.names().stream().filter(n -> n.startsWith(":")).toList().forEach(out::remove);
        if (!authority.isEmpty()) {
            out.set("Host", authority);
        }
        // The activator answers "Expect: 100-continue" itself when it starts forwarding.
        out.remove("expect");
        String priorFor = incoming.get("x-forwarded-for");
        out.set("X-Forwarded-For", priorFor == null || priorFor.isBlank()
                ? clientAddress : priorFor + ", " + clientAddress);
        if (!out.contains("x-forwarded-proto")) {
            out.set("X-Forwarded-Proto", scheme);
        }
        if (!out.contains("x-forwarded-host") && !authority.isEmpty()) {
            out.set("X-Forwarded-Host", authority);
        }
        return out;
    }

    /** Copies an upstream response's end-to-end headers into {@code target}. */
    public static void copyResponse(MultiMap upstream, MultiMap target) {
        target.addAll(endToEnd(upstream));
    }

    /** The headers of {@code headers} that are not hop-by-hop, nor named by its Connection header. */
    static MultiMap endToEnd(MultiMap headers) {
        Set<String> dropped = new HashSet<>(HOP_BY_HOP);
        for (String connection : headers.getAll("connection")) {
            for (String token : connection.split(",")) {
                dropped.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
        MultiMap out = MultiMap.caseInsensitiveMultiMap();
        for (Map.Entry<String, String> header : headers) {
            if (!dropped.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                out.add(header.getKey(), header.getValue());
            }
        }
        return out;
    }
}
