package dev.wisp.activator.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import io.vertx.core.MultiMap;
import java.util.HashSet;
import java.util.Iterator;
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
        return forRequest(incoming, authority, clientAddress, scheme, forwardedElement(clientAddress, authority, scheme));
    }

    /**
     * As {@link #forRequest(MultiMap, String, String, String)}, with this hop's {@code Forwarded}
     * element already built by {@link #forwardedElement} (callers reuse it across alike requests).
     */
    public static MultiMap forRequest(MultiMap incoming, String authority, String clientAddress, String scheme,
                                      String element) {
        MultiMap out = MultiMap.caseInsensitiveMultiMap();
        writeRequest(incoming, authority, clientAddress, scheme, element, out);
        return out;
    }

    /**
     * Writes the headers of {@link #forRequest(MultiMap, String, String, String, String)} into
     * {@code out} (an upstream request's own headers: no intermediate copy).
     */
    public static void writeRequest(MultiMap incoming, String authority, String clientAddress, String scheme,
                                    String element, MultiMap out) {
        copyResponse(incoming, out);
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
        String priorForwarded = incoming.get("forwarded");
        out.set("Forwarded", priorForwarded == null || priorForwarded.isBlank()
                ? element : priorForwarded + ", " + element);
    }

    /** One RFC 7239 element: {@code for=...;host=...;proto=...}, quoting values that are not tokens. */
    public static String forwardedElement(String clientAddress, String authority, String scheme) {
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

    /** Copies the end-to-end headers of an upstream response (or a client request) into {@code target}. */
    public static void copyResponse(MultiMap upstream, MultiMap target) {
        HttpHeaders netty = NettyHeaderView.of(upstream);
        if (netty != null) {
            copyEndToEnd(netty, target);
            return;
        }
        Set<String> named = connectionTokens(upstream);
        for (Map.Entry<String, String> header : upstream) {
            if (isEndToEnd(header.getKey(), named)) {
                target.add(header.getKey(), header.getValue());
            }
        }
    }

    /** As {@link #copyResponse}, walking the decoded names and values without turning them into Strings. */
    private static void copyEndToEnd(HttpHeaders source, MultiMap target) {
        Set<String> named = Set.of();
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = source.iteratorCharSequence(); it.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> header = it.next();
            if (AsciiString.contentEqualsIgnoreCase(header.getKey(), HttpHeaderNames.CONNECTION)) {
                named = addTokens(named, header.getValue().toString());
            }
        }
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = source.iteratorCharSequence(); it.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> header = it.next();
            CharSequence name = header.getKey();
            if (!isHopByHop(name) && (name.length() == 0 || name.charAt(0) != ':')
                    && (named.isEmpty() || !named.contains(name.toString().toLowerCase(Locale.ROOT)))) {
                target.add(name, header.getValue());
            }
        }
    }

    private static boolean isEndToEnd(String name, Set<String> named) {
        if (isHopByHop(name) || (!name.isEmpty() && name.charAt(0) == ':')) {
            return false;
        }
        return named.isEmpty() || !named.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Whether {@code name} is one of {@link #HOP_BY_HOP}, without allocating (this runs for every header). */
    static boolean isHopByHop(CharSequence name) {
        switch (name.length()) {
            case 2: return is(name, "te");
            case 7: return is(name, "trailer") || is(name, "upgrade");
            case 10: return is(name, "connection") || is(name, "keep-alive");
            case 16: return is(name, "proxy-connection");
            case 17: return is(name, "transfer-encoding");
            case 18: return is(name, "proxy-authenticate");
            case 19: return is(name, "proxy-authorization");
            default: return false;
        }
    }

    private static boolean is(CharSequence name, String lowerCase) {
        return AsciiString.contentEqualsIgnoreCase(name, lowerCase);
    }

    /** Extra header names a Connection header declares hop-by-hop (lower case); usually none. */
    private static Set<String> connectionTokens(MultiMap headers) {
        if (!headers.contains("connection")) {
            return Set.of();
        }
        Set<String> named = Set.of();
        for (String value : headers.getAll("connection")) {
            named = addTokens(named, value);
        }
        return named;
    }

    /** Adds the header names a Connection value declares hop-by-hop to {@code named} (a new set when needed). */
    private static Set<String> addTokens(Set<String> named, String value) {
        if (value.equalsIgnoreCase("keep-alive") || value.equalsIgnoreCase("close")) {
            return named; // the usual value: nothing named
        }
        for (String token : value.indexOf(',') < 0 ? new String[] {value} : value.split(",")) {
            String name = token.trim().toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && !name.equals("keep-alive") && !name.equals("close")) {
                named = named.isEmpty() ? new HashSet<>() : named;
                named.add(name);
            }
        }
        return named;
    }
}
