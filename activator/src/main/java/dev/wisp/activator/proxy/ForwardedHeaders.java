package dev.wisp.activator.proxy;

import io.vertx.core.MultiMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the headers a proxied request and response carry: everything end-to-end is copied
 * (Host included; W3C trace context with it), hop-by-hop headers are dropped, and the
 * X-Forwarded-* headers and an RFC 7239 {@code Forwarded} element are added.
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
        String element = forwardedElement(clientAddress, authority, scheme);
        String priorForwarded = incoming.get("forwarded");
        out.set("Forwarded", priorForwarded == null || priorForwarded.isBlank()
                ? element : priorForwarded + ", " + element);
        return out;
    }

    /** One RFC 7239 element: {@code for=...;host=...;proto=...}, quoting values that are not tokens. */
    static String forwardedElement(String clientAddress, String authority, String scheme) {
        String node = clientAddress.indexOf(':') >= 0 ? "[" + clientAddress + "]" : clientAddress;
        StringBuilder element = new StringBuilder("for=").append(quoteUnlessToken(node));
        if (!authority.isEmpty()) {
            element.append(";host=").append(quoteUnlessToken(authority));
        }
        return element.append(";proto=").append(scheme).toString();
    }

    private static String quoteUnlessToken(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean token = Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!token) {
                return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
            }
        }
        return value;
    }

    /** Copies an upstream response's end-to-end headers into {@code target}. */
    public static void copyResponse(MultiMap upstream, MultiMap target) {
        Set<String> named = connectionTokens(upstream);
        for (Map.Entry<String, String> header : upstream) {
            if (isEndToEnd(header.getKey(), named)) {
                target.add(header.getKey(), header.getValue());
            }
        }
    }

    /** The headers of {@code headers} that are not hop-by-hop, nor named by its Connection header. */
    static MultiMap endToEnd(MultiMap headers) {
        MultiMap out = MultiMap.caseInsensitiveMultiMap();
        copyResponse(headers, out);
        return out;
    }

    private static boolean isEndToEnd(String name, Set<String> named) {
        if (isHopByHop(name)) {
            return false;
        }
        return named.isEmpty() || !named.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Whether {@code name} is one of {@link #HOP_BY_HOP}, without allocating (this runs for every header). */
    static boolean isHopByHop(String name) {
        switch (name.length()) {
            case 2: return name.equalsIgnoreCase("te");
            case 7: return name.equalsIgnoreCase("trailer") || name.equalsIgnoreCase("upgrade");
            case 10: return name.equalsIgnoreCase("connection") || name.equalsIgnoreCase("keep-alive");
            case 16: return name.equalsIgnoreCase("proxy-connection");
            case 17: return name.equalsIgnoreCase("transfer-encoding");
            case 18: return name.equalsIgnoreCase("proxy-authenticate");
            case 19: return name.equalsIgnoreCase("proxy-authorization");
            default: return false;
        }
    }

    /** Extra header names a Connection header declares hop-by-hop (lower case); usually none. */
    private static Set<String> connectionTokens(MultiMap headers) {
        List<String> connection = headers.getAll("connection");
        if (connection.isEmpty()) {
            return Set.of();
        }
        Set<String> named = new HashSet<>();
        for (String value : connection) {
            for (String token : value.split(",")) {
                String name = token.trim().toLowerCase(Locale.ROOT);
                if (!name.isEmpty() && !name.equals("keep-alive") && !name.equals("close")) {
                    named.add(name);
                }
            }
        }
        return named;
    }
}
