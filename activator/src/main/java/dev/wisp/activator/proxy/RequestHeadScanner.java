package dev.wisp.activator.proxy;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static dev.wisp.activator.proxy.HeadBytes.TOKEN;
import static dev.wisp.activator.proxy.HeadBytes.digits;
import static dev.wisp.activator.proxy.HeadBytes.fieldColon;
import static dev.wisp.activator.proxy.HeadBytes.firstNot;
import static dev.wisp.activator.proxy.HeadBytes.indexOf;
import static dev.wisp.activator.proxy.HeadBytes.isDropped;
import static dev.wisp.activator.proxy.HeadBytes.matches;
import static dev.wisp.activator.proxy.HeadBytes.named;
import static dev.wisp.activator.proxy.HeadBytes.skipBlanks;
import static dev.wisp.activator.proxy.HeadBytes.trimBlanks;

/**
 * Reads a client's HTTP/1.1 request head from bytes and, when it is an ordinary one, makes it a
 * {@link RawRequest}. Ordinary means: complete in the bytes at hand, strictly well formed (token method
 * other than CONNECT, a target of visible ASCII, {@code HTTP/1.1}, CRLF line ends, no obs-fold, no
 * control bytes), exactly one non-empty Host, a body framed by one Content-Length or none (no
 * Transfer-Encoding), no Upgrade, HTTP2-Settings or Expect, and Connection tokens only {@code keep-alive}/{@code close}, all
 * within the request-line and header-size limits. Anything else is left to Netty's decoder, which
 * answers it or refuses it as before. One instance per client connection, single-threaded.
 */
public final class RequestHeadScanner {

    private static final byte[] HTTP_11 = "HTTP/1.1".getBytes(StandardCharsets.US_ASCII);
    private static final int FIRST_WINDOW = 1024;

    private final int maxRequestLine;
    private final int maxHeaderBlock;
    /** The head being scanned, copied from the input (reused; grown for long heads). */
    private byte[] bytes = new byte[FIRST_WINDOW];
    /** Kept byte ranges when lines are dropped: pairs of [from, to). */
    private int[] runs = new int[16];
    private int runCount;
    private int runStart;
    private int methodEnd;
    private int targetEnd;
    private int hostStart;
    private int hostEnd;
    private int forStart;
    private int forEnd;
    private int forwardedStart;
    private int forwardedEnd;
    private long contentLength;
    private boolean close;
    private boolean proto;
    private boolean forwardedHost;
    /** The Host value of the previous ordinary request, handed out again while it repeats. */
    private String lastAuthority;

    /**
     * A scanner for heads whose request line is shorter than {@code maxRequestLine} bytes and whose header
     * lines take fewer than {@code maxHeaderBlock} bytes (longer ones go to Netty's decoder, which refuses them).
     */
    public RequestHeadScanner(int maxRequestLine, int maxHeaderBlock) {
        this.maxRequestLine = maxRequestLine - 2;
        this.maxHeaderBlock = maxHeaderBlock - 2;
    }

    /**
     * The ordinary request at the start of {@code in}'s readable bytes (indexes untouched), or null when
     * there is none: not ordinary, or not complete yet.
     */
    public RawRequest scan(ByteBuf in) {
        int available = Math.min(in.readableBytes(), maxRequestLine + maxHeaderBlock + 4);
        for (int window = Math.min(available, FIRST_WINDOW); ; window = Math.min(available, window * 2)) {
            if (bytes.length < window) {
                bytes = new byte[Math.max(window, bytes.length * 2)];
            }
            in.getBytes(in.readerIndex(), bytes, 0, window);
            int end = scanWindow(window);
            if (end > 0) {
                return request(end);
            }
            if (end < 0 || window == available) {
                return null;
            }
        }
    }

    /** The end of an ordinary head in the first {@code limit} bytes of the copy; 0: not complete in them; -1: not ordinary. */
    private int scanWindow(int limit) {
        byte[] in = bytes;
        resetHead();
        int headers = -1;
        for (int pos = 0; ; ) {
            int lf = indexOf(in, pos, limit, (byte) '\n');
            if (lf < 0) {
                return pos > maxRequestLine + maxHeaderBlock ? -1 : 0;
            }
            if (lf == pos || in[lf - 1] != '\r') {
                return -1; // a bare LF
            }
            int cr = lf - 1;
            if (headers < 0) {
                if (cr >= maxRequestLine || !requestLine(in, cr)) {
                    return -1;
                }
                headers = lf + 1;
            } else if (cr == pos) {
                return hostEnd > hostStart && cr - headers < maxHeaderBlock ? endRuns(cr, lf + 1) : -1;
            } else if (cr - headers >= maxHeaderBlock || !headerLine(in, pos, cr, lf + 1)) {
                return -1;
            }
            pos = lf + 1;
        }
    }

    private void resetHead() {
        runCount = 0;
        runStart = 0;
        hostStart = hostEnd = 0;
        forStart = forEnd = forwardedStart = forwardedEnd = -1;
        contentLength = -1;
        close = false;
        proto = false;
        forwardedHost = false;
    }

    /** {@code METHOD SP target SP HTTP/1.1}: a token method but CONNECT, a target of bytes 0x21..0x7E. */
    private boolean requestLine(byte[] in, int cr) {
        methodEnd = firstNot(in, 0, cr, TOKEN);
        if (methodEnd <= 0 || in[methodEnd] != ' ' || methodEnd == 7 && named(in, 0, 7, "connect")) {
            return false;
        }
        targetEnd = indexOf(in, methodEnd + 1, cr, (byte) ' ');
        if (targetEnd <= methodEnd + 1 || cr - targetEnd != 1 + HTTP_11.length || !matches(in, targetEnd + 1, HTTP_11)) {
            return false;
        }
        for (int i = methodEnd + 1; i < targetEnd; i++) {
            if (in[i] <= ' ' || in[i] == 0x7F) { // bytes are signed: obs-text (0x80..0xFF) is below ' ' too
                return false;
            }
        }
        return true;
    }

    /** Checks one {@code name: value} line ending at {@code cr} and notes what it means; false: not ordinary. */
    private boolean headerLine(byte[] in, int start, int cr, int next) {
        int colon = fieldColon(in, start, cr);
        if (colon < 0) {
            return false;
        }
        int length = colon - start;
        int valueStart = skipBlanks(in, colon + 1, cr);
        int valueEnd = trimBlanks(in, valueStart, cr);
        switch (length) {
            case 4 -> {
                if (named(in, start, 4, "host")) {
                    if (hostEnd > 0) {
                        return false; // two Host headers: Netty's decoder and the routing decide
                    }
                    hostStart = valueStart;
                    hostEnd = valueEnd;
                }
            }
            case 6 -> {
                if (named(in, start, 6, "expect")) {
                    return false;
                }
            }
            case 7 -> {
                if (named(in, start, 7, "upgrade")) {
                    return false;
                }
            }
            case 9 -> {
                if (named(in, start, 9, "forwarded")) {
                    if (forwardedStart < 0) {
                        forwardedStart = valueStart;
                        forwardedEnd = valueEnd;
                    }
                    return drop(start, next);
                }
            }
            case 10 -> {
                if (named(in, start, 10, "connection") && !connectionTokens(in, valueStart, valueEnd)) {
                    return false;
                }
            }
            case 14 -> {
                if (named(in, start, 14, "http2-settings")) {
                    return false;
                }
                if (named(in, start, 14, "content-length")) {
                    boolean leadingZero = valueEnd - valueStart > 1 && in[valueStart] == '0';
                    if (contentLength >= 0 || leadingZero) {
                        return false; // said twice, or leading zeros: Netty's decoder judges it
                    }
                    contentLength = digits(in, valueStart, valueEnd);
                    if (contentLength < 0) {
                        return false; // not a plain number
                    }
                }
            }
            case 15 -> {
                if (named(in, start, 15, "x-forwarded-for")) {
                    if (forStart < 0) {
                        forStart = valueStart;
                        forEnd = valueEnd;
                    }
                    return drop(start, next);
                }
            }
            case 16 -> forwardedHost |= named(in, start, 16, "x-forwarded-host");
            case 17 -> {
                if (named(in, start, 17, "transfer-encoding")) {
                    return false;
                }
                proto |= named(in, start, 17, "x-forwarded-proto");
            }
            default -> { }
        }
        return !isDropped(in, start, length) || drop(start, next);
    }

    /** Only {@code keep-alive} and {@code close}: a token naming another header goes to Netty's decoder. */
    private boolean connectionTokens(byte[] in, int from, int to) {
        for (int pos = from; pos <= to; ) {
            int comma = indexOf(in, pos, to, (byte) ',');
            int end = comma < 0 ? to : comma;
            int tokenStart = skipBlanks(in, pos, end);
            int tokenLength = trimBlanks(in, tokenStart, end) - tokenStart;
            if (tokenLength == 5 && named(in, tokenStart, 5, "close")) {
                close = true;
            } else if (tokenLength != 0 && !(tokenLength == 10 && named(in, tokenStart, 10, "keep-alive"))) {
                return false;
            }
            pos = end + 1;
        }
        return true;
    }

    /** Leaves the line [start, next) out of what goes to the instance. */
    private boolean drop(int start, int next) {
        if (start > runStart) {
            addRun(runStart, start);
        }
        runStart = next;
        return true;
    }

    private void addRun(int from, int to) {
        if (2 * runCount + 2 > runs.length) {
            runs = Arrays.copyOf(runs, runs.length * 2);
        }
        runs[2 * runCount] = from;
        runs[2 * runCount + 1] = to;
        runCount++;
    }

    /** Closes the kept ranges at the empty line ({@code emptyLine}); returns the head's end. */
    private int endRuns(int emptyLine, int end) {
        if (runCount > 0 && emptyLine > runStart) {
            addRun(runStart, emptyLine);
        }
        return end;
    }

    private RawRequest request(int end) {
        byte[] head = Arrays.copyOf(bytes, end);
        int[] kept = runCount == 0 ? null : Arrays.copyOf(runs, 2 * runCount);
        return new RawRequest(head, new RawRequest.Layout(methodEnd, targetEnd, end - 2, kept,
                forStart, forEnd, forwardedStart, forwardedEnd, !close, proto, forwardedHost),
                Math.max(0, contentLength), authority(head));
    }

    /** The Host value; the String of the previous request when it is the same (a keep-alive client's usual case). */
    private String authority(byte[] head) {
        int length = hostEnd - hostStart;
        String last = lastAuthority;
        if (last != null && last.length() == length) {
            boolean same = true;
            for (int i = 0; i < length && same; i++) {
                same = last.charAt(i) == (head[hostStart + i] & 0xFF);
            }
            if (same) {
                return last;
            }
        }
        lastAuthority = new String(head, hostStart, length, StandardCharsets.ISO_8859_1);
        return lastAuthority;
    }
}
