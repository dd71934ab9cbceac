package dev.wisp.activator.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Decides how a response is framed for its client: chunked when an HTTP/1.1 client gets a body
 * of unknown length, close-delimited for HTTP/1.0, and whether the connection stays open after it.
 */
final class ResponseFraming {

    private ResponseFraming() {
    }

    /**
     * Sets the framing headers of {@code response} (already stripped of hop-by-hop headers) for
     * the exchange's client; returns whether the client's connection must close after it.
     */
    static boolean prepare(Exchange exchange, HttpResponse response, boolean forceClose) {
        response.setProtocolVersion(HttpVersion.HTTP_1_1);
        if (exchange.client().http2()) {
            return false;
        }
        HttpHeaders headers = response.headers();
        boolean close = forceClose || !exchange.keepAlive();
        if (!headers.contains(HttpHeaderNames.CONTENT_LENGTH)
                && mayHaveBody(exchange.method(), response.status().code())) {
            if (exchange.http10()) {
                close = true; // HTTP/1.0 knows no chunks: the end of the body is the end of the connection
            } else {
                headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            }
        }
        CharSequence connection = connectionHeader(exchange, close);
        if (connection != null) {
            headers.set(HttpHeaderNames.CONNECTION, connection);
        }
        return close;
    }

    /**
     * The Connection header a response gets for the exchange's HTTP/1 client: close when {@code close},
     * keep-alive for an HTTP/1.0 client that keeps its connection, else none (null).
     */
    static CharSequence connectionHeader(Exchange exchange, boolean close) {
        if (close) {
            return HttpHeaderValues.CLOSE;
        }
        return exchange.http10() ? HttpHeaderValues.KEEP_ALIVE : null;
    }

    static boolean mayHaveBody(HttpMethod method, int status) {
        return !HttpMethod.HEAD.equals(method) && status >= 200 && status != 204 && status != 304;
    }
}
