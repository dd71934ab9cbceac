package dev.wisp.activator.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites the headers of a proxied request and response in place: everything end-to-end is kept
 * (Host included; W3C trace context with it), hop-by-hop headers are dropped (with those a
 * {@code Connection} header names), and the X-Forwarded-* headers and an RFC 7239
 * {@code Forwarded} element are added.
 */
public final class ForwardedHeaders {

    static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade");
    private static final AsciiString HOST = AsciiString.cached("Host");
    private static final AsciiString X_FORWARDED_FOR = AsciiString.cached("X-Forwarded-For");
    private static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("X-Forwarded-Proto");
    private static final AsciiString X_FORWARDED_HOST = AsciiString.cached("X-Forwarded-Host");
    private static final AsciiString FORWARDED = AsciiString.cached("Forwarded");
    /** The prefix of the headers Netty adds when it turns HTTP/2 into HTTP/1 objects (x-http2-scheme, ...). */
    private static final String HTTP2_EXTENSION = "x-http2-";

    private ForwardedHeaders() {
    }

    /**
     * Turns the headers of a request that arrived from {@code clientAddress} over {@code scheme},
     * addressed to {@code authority}, into those sent upstream. {@code element} is this hop's
     * {@code Forwarded} element ({@link #forwardedElement}; callers reuse it across alike requests).
     */
    public static void rewriteRequest(HttpHeaders headers, String authority, String clientAddress, String scheme,
                                      String element) {
        dropHopByHop(headers);
        if (!authority.isEmpty() && !authority.equals(headers.get(HttpHeaderNames.HOST))) {
            headers.set(HOST, authority);
        }
        // The activator answers "Expect: 100-continue" itself when it starts forwarding.
        headers.remove(HttpHeaderNames.EXPECT);
        String priorFor = headers.get(X_FORWARDED_FOR);
        headers.set(X_FORWARDED_FOR, priorFor == null || priorFor.isBlank() ? clientAddress : priorFor + ", " + clientAddress);
        if (!headers.contains(X_FORWARDED_PROTO)) {
            headers.set(X_FORWARDED_PROTO, scheme);
        }
        if (!headers.contains(X_FORWARDED_HOST) && !authority.isEmpty()) {
            headers.set(X_FORWARDED_HOST, authority);
        }
        String priorForwarded = headers.get(FORWARDED);
        headers.set(FORWARDED, priorForwarded == null || priorForwarded.isBlank() ? element : priorForwarded + ", " + element);
    }

    /** Drops the hop-by-hop headers of an upstream response (or a client request). */
    public static void rewriteResponse(HttpHeaders headers) {
        dropHopByHop(headers);
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

    /** Removes hop-by-hop and pseudo headers; one pass without allocating when there are none (the usual case). */
    private static void dropHopByHop(HttpHeaders headers) {
        List<CharSequence> drop = null;
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence(); it.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> header = it.next();
            CharSequence name = header.getKey();
            if (isHopByHop(name) || isInternal(name)) {
                drop = drop == null ? new ArrayList<>() : drop;
                drop.add(name);
                if (AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.CONNECTION)) {
                    addTokens(drop, header.getValue().toString());
                }
            }
        }
        if (drop != null) {
            for (int i = 0; i < drop.size(); i++) {
                headers.remove(drop.get(i));
            }
        }
    }

    private static boolean isInternal(CharSequence name) {
        return name.length() > 0 && name.charAt(0) == ':'
                || name.length() > HTTP2_EXTENSION.length() && AsciiString.regionMatches(name, true, 0,
                HTTP2_EXTENSION, 0, HTTP2_EXTENSION.length());
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

    /** Adds the header names a Connection value declares hop-by-hop to {@code drop}. */
    private static void addTokens(List<CharSequence> drop, String value) {
        if (value.equalsIgnoreCase("keep-alive") || value.equalsIgnoreCase("close")) {
            return; // the usual value: nothing named
        }
        for (String token : value.split(",")) {
            String name = token.trim().toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && !name.equals("keep-alive") && !name.equals("close")) {
                drop.add(name);
            }
        }
    }
}
