package dev.wisp.eventing.dispatcher;

import java.net.URI;

/**
 * Where events are POSTed: a URL and, for a Service reached through the activator, the Host
 * header that routes to it ({@code {name}.{namespace}.{domain}}); null host keeps the URL's.
 */
public record DeliveryTarget(URI url, String host) {

    public static DeliveryTarget of(String url) {
        return new DeliveryTarget(URI.create(url), null);
    }

    /** The address shown to users and in {@code knativeerrordest}: the Host's URL when routed by Host. */
    public String displayUrl() {
        if (host == null) {
            return url.toString();
        }
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        return "http://" + host + path;
    }
}
