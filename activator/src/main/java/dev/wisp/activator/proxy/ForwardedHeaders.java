package dev.wisp.activator.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rules for headers on their way through the activator: which are hop-by-hop (dropped, with
 * those a {@code Connection} header names; everything end-to-end is kept, W3C trace context with
 * it), dropping them from a proxied response in place, and this hop's RFC 7239 {@code Forwarded}
 * element. {@link RequestWriter} applies them to requests as it writes them.
 */
public final class ForwardedHeaders {

    /** The prefix of the headers Netty adds when it turns HTTP/2 into HTTP/1 objects (x-http2-scheme, ...). */
    private static final String HTTP2_EXTENSION = "x-http2-";

    private ForwardedHeaders() {
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

    /**
     * Drops the hop-by-hop headers of an upstream response, and pseudo headers, in place; one pass without
     * allocating when there are none (the usual case).
     */
    public static void rewriteResponse(HttpHeaders headers) {
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
        for (int i = 0; drop != null && i < drop.size(); i++) {
            headers.remove(drop.get(i));
        }
    }

    static boolean isInternal(CharSequence name) {
        return name.length() > 0 && name.charAt(0) == ':'
                || name.length() > HTTP2_EXTENSION.length() && AsciiString.regionMatches(name, true, 0,
                HTTP2_EXTENSION, 0, HTTP2_EXTENSION.length());
    }

    /**
     * Whether {@code name} is hop-by-hop (connection, keep-alive, proxy-connection, proxy-authenticate,
     * proxy-authorization, te, trailer, transfer-encoding, upgrade), without allocating: this runs for every header.
     */
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
    static void addTokens(List<CharSequence> drop, String value) {
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
