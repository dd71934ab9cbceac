package dev.wisp.serving.reconciler.route;

/** Host names and URLs of a Route, as Knative forms them. */
public final class Names {

    private Names() {
    }

    /** {@code {route}.{namespace}.{domain}}. */
    public static String host(String route, String namespace, String domain) {
        return route + "." + namespace + "." + domain;
    }

    /** {@code {tag}-{route}.{namespace}.{domain}}. */
    public static String tagHost(String tag, String route, String namespace, String domain) {
        return host(tag + "-" + route, namespace, domain);
    }

    /** {@code http://{host}}, plus {@code :{port}} unless the port is 80. */
    public static String url(String host, int port) {
        return port == 80 ? "http://" + host : "http://" + host + ":" + port;
    }
}
