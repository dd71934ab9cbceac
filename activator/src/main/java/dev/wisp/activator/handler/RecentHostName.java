package dev.wisp.activator.handler;

/**
 * Turns authorities into host names as {@link HostHeader} does, remembering the last one: a
 * keep-alive client repeating its Host costs an equals() instead of substring and lower-casing, and
 * the same host String comes back each time, so a routing table lookup finds its hash already
 * computed. Meant for one event loop; still correct if shared, as the pair is one immutable object.
 */
public final class RecentHostName {

    /** The authority seen last and its host name. */
    private record Pair(String authority, String host) {
    }

    private Pair last;

    /** The host name of {@code authority}: {@link HostHeader#hostName(String)}. */
    public String of(String authority) {
        Pair recent = last;
        if (recent != null && recent.authority().equals(authority)) {
            return recent.host();
        }
        String host = HostHeader.hostName(authority);
        if (authority != null) {
            last = new Pair(authority, host);
        }
        return host;
    }
}
