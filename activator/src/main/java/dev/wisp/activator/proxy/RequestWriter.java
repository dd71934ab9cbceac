package dev.wisp.activator.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes a client's request to an instance as HTTP/1.1 bytes, in one pass over its headers: the
 * request line, the end-to-end headers as they came (hop-by-hop ones dropped, with those a
 * Connection header names, and Expect, which the activator answers itself), Host, this hop's
 * X-Forwarded-For/-Proto/-Host and RFC 7239 Forwarded; then the body, in chunks when its length
 * is not known. The client's request object is left as it is, so a retry writes the same bytes.
 */
final class RequestWriter {

    private static final byte[] HTTP_11 = " HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final ByteBuf CRLF = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(2).writeByte('\r').writeByte('\n')).asReadOnly();
    private static final ByteBuf LAST_CHUNK = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(5).writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII))).asReadOnly();

    private RequestWriter() {
    }

    /**
     * What this hop adds: who the client is and how it addressed the activator; with the bytes of its forwarding
     * headers for a client that sent none of its own, made once and written for each request it makes.
     */
    static final class Hop {
        private final String authority;
        private final String clientAddress;
        private final String scheme;
        private final String forwardedElement;
        private byte[] plainForwarding;

        Hop(String authority, String clientAddress, String scheme, String forwardedElement) {
            this.authority = authority;
            this.clientAddress = clientAddress;
            this.scheme = scheme;
            this.forwardedElement = forwardedElement;
        }

        String authority() {
            return authority;
        }

        String clientAddress() {
            return clientAddress;
        }

        String scheme() {
            return scheme;
        }

        String forwardedElement() {
            return forwardedElement;
        }

        /** The forwarding headers of a request that had none: X-Forwarded-For, -Proto, -Host, Forwarded. */
        private byte[] plainForwarding() {
            if (plainForwarding == null) {
                ByteBuf lines = Unpooled.buffer(256);
                writeEachForwarding(lines, this, null, null, false, false);
                plainForwarding = ByteBufUtil.getBytes(lines);
            }
            return plainForwarding;
        }
    }

    /**
     * Appends the head of {@code request} for the instance to {@code out}; {@code chunked} when its body
     * goes in chunks, {@code upgradeTo} the protocol it asks to switch to (null for none).
     */
    static void writeHead(HttpRequest request, Hop hop, boolean chunked, CharSequence upgradeTo, ByteBuf out) {
        out.writeCharSequence(request.method().asciiName(), StandardCharsets.US_ASCII);
        out.writeByte(' ');
        out.writeCharSequence(request.uri(), StandardCharsets.US_ASCII);
        out.writeBytes(HTTP_11);
        HttpHeaders headers = request.headers();
        List<CharSequence> named = namedByConnection(headers);
        boolean host = false;
        boolean proto = false;
        boolean forwardedHost = false;
        CharSequence priorFor = null;
        CharSequence priorForwarded = null;
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence(); it.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> header = it.next();
            CharSequence name = header.getKey();
            CharSequence value = header.getValue();
            if (ForwardedHeaders.isHopByHop(name) || ForwardedHeaders.isInternal(name) || isNamed(named, name)) {
                continue;
            }
            switch (name.length()) {
                case 4 -> {
                    if (is(name, "host")) {
                        if (!host) {
                            field(out, "Host", hop.authority().isEmpty() ? value : hop.authority());
                        }
                        host = true;
                        continue;
                    }
                }
                case 6 -> {
                    if (is(name, "expect")) {
                        continue;
                    }
                }
                case 9 -> {
                    if (is(name, "forwarded")) {
                        priorForwarded = priorForwarded == null ? value : priorForwarded;
                        continue;
                    }
                }
                case 15 -> {
                    if (is(name, "x-forwarded-for")) {
                        priorFor = priorFor == null ? value : priorFor;
                        continue;
                    }
                }
                case 16 -> forwardedHost |= is(name, "x-forwarded-host");
                case 17 -> proto |= is(name, "x-forwarded-proto");
                default -> { }
            }
            field(out, name, value);
        }
        if (!host && !hop.authority().isEmpty()) {
            field(out, "Host", hop.authority());
        }
        writeForwarding(out, hop, priorFor, priorForwarded, proto, forwardedHost);
        if (upgradeTo != null) {
            field(out, "Connection", "upgrade");
            field(out, "Upgrade", upgradeTo);
        }
        if (chunked) {
            field(out, "Transfer-Encoding", "chunked");
        }
        out.writeShort(('\r' << 8) | '\n');
    }

    /**
     * Appends this hop's X-Forwarded-For and Forwarded (after the client's first values of them, when it sent
     * any), and X-Forwarded-Proto and X-Forwarded-Host unless the client sent them.
     */
    static void writeForwarding(ByteBuf out, Hop hop, CharSequence priorFor, CharSequence priorForwarded,
                                boolean proto, boolean forwardedHost) {
        if (priorFor == null && priorForwarded == null && !proto && !forwardedHost) {
            out.writeBytes(hop.plainForwarding()); // the usual request
        } else {
            writeEachForwarding(out, hop, priorFor, priorForwarded, proto, forwardedHost);
        }
    }

    private static void writeEachForwarding(ByteBuf out, Hop hop, CharSequence priorFor, CharSequence priorForwarded,
                                            boolean proto, boolean forwardedHost) {
        field(out, "X-Forwarded-For", isBlank(priorFor) ? hop.clientAddress() : priorFor + ", " + hop.clientAddress());
        if (!proto) {
            field(out, "X-Forwarded-Proto", hop.scheme());
        }
        if (!forwardedHost && !hop.authority().isEmpty()) {
            field(out, "X-Forwarded-Host", hop.authority());
        }
        field(out, "Forwarded", isBlank(priorForwarded) ? hop.forwardedElement()
                : priorForwarded + ", " + hop.forwardedElement());
    }

    /**
     * Writes a piece of the request's body to {@code channel} (taking ownership of it): as it is, or
     * as a chunk (the last piece also ends the chunked body, with its trailers).
     */
    static void writeBody(Channel channel, HttpContent content, boolean chunked) {
        ByteBuf data = content.content();
        if (!chunked) {
            if (data.isReadable()) {
                channel.write(data, channel.voidPromise());
            } else {
                data.release(); // the usual end of a bodiless request: nothing to send
            }
            return;
        }
        int length = data.readableBytes();
        if (length > 0) {
            ByteBuf size = channel.alloc().buffer(10);
            size.writeCharSequence(Integer.toHexString(length), StandardCharsets.US_ASCII);
            size.writeShort(('\r' << 8) | '\n');
            channel.write(size, channel.voidPromise());
            channel.write(data, channel.voidPromise());
            channel.write(CRLF.duplicate(), channel.voidPromise());
        } else {
            data.release();
        }
        if (content instanceof LastHttpContent last) {
            HttpHeaders trailers = last.trailingHeaders();
            if (trailers.isEmpty()) {
                channel.write(LAST_CHUNK.duplicate(), channel.voidPromise());
                return;
            }
            ByteBuf end = channel.alloc().buffer(256);
            end.writeByte('0').writeShort(('\r' << 8) | '\n');
            for (Iterator<Map.Entry<CharSequence, CharSequence>> it = trailers.iteratorCharSequence(); it.hasNext(); ) {
                Map.Entry<CharSequence, CharSequence> trailer = it.next();
                field(end, trailer.getKey(), trailer.getValue());
            }
            end.writeShort(('\r' << 8) | '\n');
            channel.write(end, channel.voidPromise());
        }
    }

    /** The header names the request's Connection headers declare hop-by-hop; null when none (the usual case). */
    private static List<CharSequence> namedByConnection(HttpHeaders headers) {
        if (!headers.contains(HttpHeaderNames.CONNECTION)) {
            return null;
        }
        List<CharSequence> named = new ArrayList<>();
        for (String value : headers.getAll(HttpHeaderNames.CONNECTION)) {
            ForwardedHeaders.addTokens(named, value);
        }
        return named.isEmpty() ? null : named;
    }

    private static boolean isNamed(List<CharSequence> named, CharSequence name) {
        if (named == null) {
            return false;
        }
        for (int i = 0; i < named.size(); i++) {
            if (AsciiString.contentEqualsIgnoreCase(named.get(i), name)) {
                return true;
            }
        }
        return false;
    }

    /** Writes {@code name: value} and CRLF; characters beyond one byte become '?', as Netty's encoder does. */
    private static void field(ByteBuf out, CharSequence name, CharSequence value) {
        out.writeCharSequence(name, StandardCharsets.US_ASCII);
        out.writeShort((':' << 8) | ' ');
        out.writeCharSequence(value, StandardCharsets.US_ASCII);
        out.writeShort(('\r' << 8) | '\n');
    }

    private static boolean is(CharSequence name, String lowerCase) {
        return AsciiString.contentEqualsIgnoreCase(name, lowerCase);
    }

    private static boolean isBlank(CharSequence value) {
        return value == null || value.toString().isBlank();
    }
}
