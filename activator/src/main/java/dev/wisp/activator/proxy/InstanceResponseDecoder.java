package dev.wisp.activator.proxy;

import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;

/**
 * Netty's response decoder for an instance connection, told whether the response answers a HEAD
 * (its Content-Length then announces no body). Informational responses and 101 keep Netty's
 * handling. Decodes the responses {@link RawResponseReader} does not relay as bytes.
 */
final class InstanceResponseDecoder extends HttpResponseDecoder {

    private boolean answeringHead;

    InstanceResponseDecoder(int maxResponseLine, int maxHeaderSize, int maxChunkSize) {
        super(new HttpDecoderConfig()
                .setMaxInitialLineLength(maxResponseLine)
                .setMaxHeaderSize(maxHeaderSize)
                .setMaxChunkSize(maxChunkSize));
    }

    void answeringHead(boolean head) {
        this.answeringHead = head;
    }

    /** Whether bytes past what was decoded are held: an instance that sent more than its answer. */
    boolean holdsBytes() {
        return actualReadableBytes() > 0;
    }

    @Override
    protected boolean isContentAlwaysEmpty(HttpMessage msg) {
        int code = ((HttpResponse) msg).status().code();
        return code >= 200 && answeringHead || super.isContentAlwaysEmpty(msg);
    }
}
