package dev.wisp.serving.reconciler.route;

/**
 * Where routes are served: the domain their hosts end with and the ingress port shown in their
 * URLs (left out when 80).
 */
public record RouteDomain(String domain, int urlPort) {

    public String host(String route, String namespace) {
        return Names.host(route, namespace, domain);
    }

    public String tagHost(String tag, String route, String namespace) {
        return Names.tagHost(tag, route, namespace, domain);
    }

    public String url(String host) {
        return Names.url(host, urlPort);
    }
}
