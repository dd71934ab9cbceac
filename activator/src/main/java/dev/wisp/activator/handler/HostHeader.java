package dev.wisp.activator.handler;

import java.util.Locale;

/** Turns a Host header into the name the routing table is keyed by: lower case, without port or trailing dot. */
public final class HostHeader {

    private HostHeader() {
    }

    /** The host name of {@code header} ("Hello.Default.localhost:8080" -> "hello.default.localhost"); "" when absent. */
    public static String hostName(String header) {
        if (header == null) {
            return "";
        }
        String host = header.trim();
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            host = close < 0 ? host : host.substring(0, close + 1);
        } else {
            int colon = host.indexOf(':');
            if (colon >= 0 && colon == host.lastIndexOf(':')) {
                host = host.substring(0, colon);
            }
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return host.toLowerCase(Locale.ROOT);
    }
}
