package dev.wisp.activator.proxy;

/** How one attempt to forward an {@link Exchange} to an instance ended. */
public enum ProxyOutcome {
    /** No connection could be made: nothing was sent, the request may go to another instance. */
    CONNECT_FAILED,
    /** The exchange had already been answered (timeout) or abandoned by the client. */
    ABANDONED,
    /** The upstream response was relayed completely. */
    COMPLETED,
    /** The upstream failed after the request was sent; the client got a 502 or a reset. */
    FAILED
}
