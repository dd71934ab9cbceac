package dev.wisp.activator.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpObject;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;

/**
 * An ordinary HTTP/1.1 request kept as the bytes of its head (see {@link RequestHeadScanner}): its
 * method, Host, body length and keep-alive wish are known without building a header map, and its head goes to the
 * instance as the received lines (hop-by-hop ones and the client's X-Forwarded-For and Forwarded left
 * out) followed by this hop's forwarding headers, as {@link RequestWriter} would write it. Its header
 * map, for the rare reader that asks, is built on first use.
 */
public final class RawRequest extends DefaultHttpObject implements HttpRequest {

    /**
     * Where things are in the head: the end of the method and of the target, the start of the empty line,
     * the kept byte ranges when lines are left out (pairs of [from, to); null when all are kept), the client's
     * first X-Forwarded-For and Forwarded values (-1 when none), and what its headers said.
     */
    record Layout(int methodEnd, int targetEnd, int headersEnd, int[] kept, int forStart, int forEnd,
                  int forwardedStart, int forwardedEnd, boolean keepAlive, boolean proto, boolean forwardedHost) {
    }

    private final byte[] head;
    private final Layout layout;
    private final String authority;
    private final long contentLength;
    private HttpMethod method;
    private String uri;
    private HttpVersion version = HttpVersion.HTTP_1_1;
    private HttpHeaders headers;
    /** Whether a setter changed the request: its head is then written from the parsed form. */
    private boolean edited;

    RawRequest(byte[] head, Layout layout, long contentLength, String authority) {
        this.head = head;
        this.layout = layout;
        this.contentLength = contentLength;
        this.authority = authority;
        this.method = method(head, layout.methodEnd());
    }

    /** The Host header's value, as sent. */
    public String authority() {
        return authority;
    }

    /** Whether the client's connection may serve another request after this one (no {@code Connection: close}). */
    public boolean keepAlive() {
        return layout.keepAlive();
    }

    /** The bytes of body that follow the head (its Content-Length; 0 when it has none). */
    public long contentLength() {
        return contentLength;
    }

    /** The bytes of the head as received, up to and including the empty line. */
    public int headLength() {
        return head.length;
    }

    /** Appends the head the instance gets for this request, with {@code hop}'s forwarding headers, to {@code out}. */
    void writeHead(RequestWriter.Hop hop, ByteBuf out) {
        if (edited) {
            RequestWriter.writeHead(this, hop, false, null, out);
            return;
        }
        int[] kept = layout.kept();
        if (kept == null) {
            out.writeBytes(head, 0, layout.headersEnd());
        } else {
            for (int i = 0; i < kept.length; i += 2) {
                out.writeBytes(head, kept[i], kept[i + 1] - kept[i]);
            }
        }
        RequestWriter.writeForwarding(out, hop, value(layout.forStart(), layout.forEnd()),
                value(layout.forwardedStart(), layout.forwardedEnd()), layout.proto(), layout.forwardedHost());
        out.writeShort(('\r' << 8) | '\n');
    }

    private CharSequence value(int start, int end) {
        return start < 0 ? null : new AsciiString(head, start, end - start, false);
    }

    @Override
    public HttpMethod method() {
        return method;
    }

    @Override
    @Deprecated
    public HttpMethod getMethod() {
        return method();
    }

    @Override
    public HttpRequest setMethod(HttpMethod newMethod) {
        this.method = newMethod;
        edited = true;
        return this;
    }

    @Override
    public String uri() {
        if (uri == null) {
            int start = layout.methodEnd() + 1;
            uri = new String(head, start, layout.targetEnd() - start, StandardCharsets.ISO_8859_1);
        }
        return uri;
    }

    @Override
    @Deprecated
    public String getUri() {
        return uri();
    }

    @Override
    public HttpRequest setUri(String newUri) {
        this.uri = newUri;
        edited = true;
        return this;
    }

    @Override
    public HttpVersion protocolVersion() {
        return version;
    }

    @Override
    @Deprecated
    public HttpVersion getProtocolVersion() {
        return protocolVersion();
    }

    @Override
    public HttpRequest setProtocolVersion(HttpVersion newVersion) {
        this.version = newVersion;
        edited = true;
        return this;
    }

    /** The header map of the request as received; built on first use (the relay itself never needs it). */
    @Override
    public HttpHeaders headers() {
        if (headers == null) {
            headers = parseHeaders();
            edited = true; // a caller may change the map: write the head from it from now on
        }
        return headers;
    }

    private HttpHeaders parseHeaders() {
        HttpHeaders parsed = DefaultHttpHeadersFactory.headersFactory().newHeaders();
        int pos = HeadBytes.indexOf(head, 0, head.length, (byte) '\n') + 1;
        while (pos < layout.headersEnd()) {
            int cr = HeadBytes.indexOf(head, pos, head.length, (byte) '\r');
            int colon = HeadBytes.indexOf(head, pos, cr, (byte) ':');
            int valueStart = HeadBytes.skipBlanks(head, colon + 1, cr);
            int valueEnd = HeadBytes.trimBlanks(head, valueStart, cr);
            parsed.add(new AsciiString(head, pos, colon - pos, true),
                    new String(head, valueStart, valueEnd - valueStart, StandardCharsets.ISO_8859_1));
            pos = cr + 2;
        }
        return parsed;
    }

    /** The method named by the first {@code length} bytes: Netty's constant for the usual ones. */
    private static HttpMethod method(byte[] head, int length) {
        return switch (length) {
            case 3 -> is(head, "GET") ? HttpMethod.GET : is(head, "PUT") ? HttpMethod.PUT : other(head, length);
            case 4 -> is(head, "HEAD") ? HttpMethod.HEAD : is(head, "POST") ? HttpMethod.POST : other(head, length);
            case 6 -> is(head, "DELETE") ? HttpMethod.DELETE : other(head, length);
            case 7 -> is(head, "OPTIONS") ? HttpMethod.OPTIONS : other(head, length);
            default -> other(head, length);
        };
    }

    private static boolean is(byte[] head, String name) {
        for (int i = 0; i < name.length(); i++) {
            if (head[i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static HttpMethod other(byte[] head, int length) {
        return HttpMethod.valueOf(new String(head, 0, length, StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "RawRequest(" + method + " " + uri() + " " + version + ")";
    }
}
