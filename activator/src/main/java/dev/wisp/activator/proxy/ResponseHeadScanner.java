package dev.wisp.activator.proxy;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads an instance's HTTP/1.x response head from bytes; when it is an ordinary one, writes the head its client gets.
 * Ordinary means a strictly well-formed head framed by Content-Length (or bodiless), without Transfer-Encoding;
 * anything else is {@link Result#OTHER}, for Netty's decoder. The client's head is the received one with the
 * hop-by-hop lines dropped, as {@link ForwardedHeaders#rewriteResponse} does. One instance per upstream
 * connection, reused for every response, single-threaded; it allocates only when a head has more lines or
 * Connection tokens than any before it.
 */
final class ResponseHeadScanner {

    /** What {@link #scan} found. */
    enum Result { INCOMPLETE, ORDINARY, OTHER }

    private static final byte[] HTTP_1 = "HTTP/1.".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HTTP_11 = "HTTP/1.1 ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECTION = "Connection: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF = {'\r', '\n'};
    /** The bytes a field value or reason phrase may hold: no CTL but HTAB; obs-text (0x80-0xFF) passes. */
    private static final boolean[] VALUE = new boolean[256];
    /** The bytes of an RFC 9110 token. */
    private static final boolean[] TOKEN = new boolean[256];
    private static final int FIRST_WINDOW = 1024;
    private static final int DROP = -1;

    static {
        for (char c : "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray()) {
            TOKEN[c] = true;
        }
        for (int b = 0; b < 256; b++) {
            VALUE[b] = b == '\t' || b >= 0x20 && b != 0x7F;
        }
    }

    /** The head being scanned, copied from the input (reused; grown for long heads). */
    private byte[] bytes = new byte[FIRST_WINDOW];
    /** Per header line: its start index in the input and its name's length ({@link #DROP} when dropped). */
    private int[] lines = new int[64];
    private int lineCount;
    /** Per Connection token naming another header: its start index and length. */
    private int[] tokens = new int[8];
    private int tokenCount;
    private int status;
    private boolean http11;
    private long contentLength;
    private boolean close;
    private boolean keepAliveToken;
    private boolean keepAlive;
    private int headLength;

    /**
     * Scans the readable bytes of {@code in} (indexes untouched) for a response head of at most
     * {@code maxHeadSize} bytes; on {@link Result#ORDINARY} appends the client's head to {@code out}, with
     * {@code Connection: connection} when {@code connection} is not null. Answers OTHER as soon as the bytes
     * read so far rule an ordinary head out, INCOMPLETE while they might still become one.
     */
    Result scan(ByteBuf in, int maxHeadSize, boolean headRequest, CharSequence connection, ByteBuf out) {
        int available = Math.max(0, Math.min(in.readableBytes(), maxHeadSize));
        // The head is scanned in a copy: plain array loops, not a virtual call per byte. The usual head fits
        // the first window; a longer one is copied again in a window twice as large.
        for (int window = Math.min(available, FIRST_WINDOW); ; window = Math.min(available, window * 2)) {
            if (bytes.length < window) {
                bytes = new byte[Math.max(window, bytes.length * 2)];
            }
            in.getBytes(in.readerIndex(), bytes, 0, window);
            Result result = scanWindow(window, headRequest, connection, out);
            if (result != null) {
                return result;
            }
            if (window == available) {
                return in.readableBytes() < maxHeadSize ? Result.INCOMPLETE : Result.OTHER;
            }
        }
    }

    /** Scans the first {@code limit} bytes of the copy; null when no complete head is in them. */
    private Result scanWindow(int limit, boolean headRequest, CharSequence connection, ByteBuf out) {
        byte[] in = bytes;
        int start = 0;
        lineCount = 0;
        tokenCount = 0;
        contentLength = -1;
        close = false;
        keepAliveToken = false;
        int headers = -1;
        for (int pos = start; ; ) {
            int lf = indexOf(in, pos, limit, (byte) '\n');
            if (lf < 0) {
                return null;
            }
            if (lf == pos || in[lf - 1] != '\r') {
                return Result.OTHER; // a bare LF
            }
            int cr = lf - 1;
            if (headers < 0) {
                if (!statusLine(in, start, cr)) {
                    return Result.OTHER;
                }
                headers = lf + 1;
            } else if (cr == pos) {
                return endOfHead(in, start, headers, pos, lf + 1, headRequest, connection, out);
            } else if (!headerLine(in, pos, cr)) {
                return Result.OTHER;
            }
            pos = lf + 1;
        }
    }

    /** After ORDINARY: the 3-digit status code. */
    int status() {
        return status;
    }

    /** After ORDINARY: the body bytes that follow the head (0 when none). */
    long contentLength() {
        return contentLength;
    }

    /** After ORDINARY: whether the instance keeps the connection open after this response. */
    boolean keepAlive() {
        return keepAlive;
    }

    /** After ORDINARY: the bytes of the head in the input, including the final CRLFCRLF. */
    int headLength() {
        return headLength;
    }

    private Result endOfHead(byte[] in, int start, int headers, int emptyLine, int end, boolean headRequest,
                             CharSequence connection, ByteBuf out) {
        boolean bodiless = headRequest || status == 204 || status == 304;
        if (contentLength < 0 && !bodiless) {
            return Result.OTHER; // a close-delimited body
        }
        contentLength = bodiless ? 0 : contentLength;
        keepAlive = !close && (http11 || keepAliveToken);
        headLength = end - start;
        ensureLines(lineCount + 1);
        lines[2 * lineCount] = emptyLine; // where the last header line ends
        if (tokenCount > 0) {
            dropNamedByConnection(in);
        }
        writeHead(in, start, headers, connection, out);
        return Result.ORDINARY;
    }

    /** {@code HTTP/1.1} or {@code HTTP/1.0}, SP, 3 digits, then nothing or SP and a reason; status 200..599. */
    private boolean statusLine(byte[] in, int start, int cr) {
        if (cr - start < 12 || !matches(in, start, HTTP_1) || in[start + 8] != ' ') {
            return false;
        }
        byte minor = in[start + 7];
        http11 = minor == '1';
        int code = 0;
        for (int i = start + 9; i < start + 12; i++) {
            byte b = in[i];
            if (b < '0' || b > '9') {
                return false;
            }
            code = code * 10 + b - '0';
        }
        status = code;
        boolean rest = cr == start + 12 || in[start + 12] == ' ' && firstNot(in, start + 13, cr, VALUE) < 0;
        return (http11 || minor == '0') && rest && code >= 200 && code <= 599;
    }

    /** Checks one {@code name: value} line and records it; false when it rules an ordinary head out. */
    private boolean headerLine(byte[] in, int start, int cr) {
        int colon = firstNot(in, start, cr, TOKEN);
        if (colon <= start || in[colon] != ':' || firstNot(in, colon + 1, cr, VALUE) >= 0) {
            return false; // obs-fold, an empty name, a non-token byte or a space before ':', a CTL in the value
        }
        int nameLength = colon - start;
        int valueStart = skipBlanks(in, colon + 1, cr);
        int valueEnd = trimBlanks(in, valueStart, cr);
        boolean drop = isDropped(in, start, nameLength);
        if (nameLength == 17 && named(in, start, 17, "transfer-encoding")) {
            return false;
        } else if (nameLength == 14 && named(in, start, 14, "content-length")) {
            if (contentLength >= 0 || (contentLength = digits(in, valueStart, valueEnd)) < 0) {
                return false;
            }
        } else if (nameLength == 10 && named(in, start, 10, "connection")) {
            if (!connectionTokens(in, valueStart, valueEnd)) {
                return false;
            }
        }
        ensureLines(lineCount + 1);
        lines[2 * lineCount] = start;
        lines[2 * lineCount + 1] = drop ? DROP : nameLength;
        lineCount++;
        return true;
    }

    /** The value of 1..18 ASCII digits in [from, to), or -1. */
    private static long digits(byte[] in, int from, int to) {
        if (to == from || to - from > 18) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            byte b = in[i];
            if (b < '0' || b > '9') {
                return -1;
            }
            value = value * 10 + b - '0';
        }
        return value;
    }

    /** Notes close / keep-alive and records the other tokens; false when one names Content-Length (framing). */
    private boolean connectionTokens(byte[] in, int from, int to) {
        for (int pos = from; pos <= to; ) {
            int comma = indexOf(in, pos, to, (byte) ',');
            int end = comma < 0 ? to : comma;
            int tokenStart = skipBlanks(in, pos, end);
            int tokenEnd = trimBlanks(in, tokenStart, end);
            int length = tokenEnd - tokenStart;
            if (length == 5 && named(in, tokenStart, 5, "close")) {
                close = true;
            } else if (length == 10 && named(in, tokenStart, 10, "keep-alive")) {
                keepAliveToken = true;
            } else if (length == 14 && named(in, tokenStart, 14, "content-length")) {
                return false;
            } else if (length > 0) {
                if (2 * tokenCount + 2 > tokens.length) {
                    tokens = Arrays.copyOf(tokens, tokens.length * 2);
                }
                tokens[2 * tokenCount] = tokenStart;
                tokens[2 * tokenCount + 1] = length;
                tokenCount++;
            }
            pos = end + 1;
        }
        return true;
    }

    /** Marks the lines a Connection token names as dropped, wherever that Connection header is. */
    private void dropNamedByConnection(byte[] in) {
        for (int line = 0; line < lineCount; line++) {
            int nameLength = lines[2 * line + 1];
            for (int t = 0; t < tokenCount && nameLength != DROP; t++) {
                if (tokens[2 * t + 1] == nameLength && sameName(in, lines[2 * line], tokens[2 * t], nameLength)) {
                    lines[2 * line + 1] = DROP;
                    break;
                }
            }
        }
    }

    private void writeHead(byte[] in, int start, int headers, CharSequence connection, ByteBuf out) {
        requireFieldValue(connection);
        out.writeBytes(HTTP_11);
        out.writeBytes(in, start + 9, headers - start - 9);
        int run = -1;
        for (int line = 0; line <= lineCount; line++) {
            boolean kept = line < lineCount && lines[2 * line + 1] != DROP;
            if (kept && run < 0) {
                run = lines[2 * line];
            } else if (!kept && run >= 0) {
                out.writeBytes(in, run, lines[2 * line] - run);
                run = -1;
            }
        }
        if (connection != null) {
            out.writeBytes(CONNECTION);
            out.writeCharSequence(connection, StandardCharsets.US_ASCII);
            out.writeBytes(CRLF);
        }
        out.writeBytes(CRLF);
    }

    /** The caller's Connection value must be a field value (no CR/LF: that would inject headers). */
    private static void requireFieldValue(CharSequence connection) {
        for (int i = 0; connection != null && i < connection.length(); i++) {
            char c = connection.charAt(i);
            if (c > 0x7E || c < 0x20 && c != '\t') {
                throw new IllegalArgumentException("connection: not a header value at index " + i);
            }
        }
    }

    private void ensureLines(int count) {
        if (2 * count + 2 > lines.length) {
            lines = Arrays.copyOf(lines, Math.max(lines.length * 2, 2 * count + 2));
        }
    }

    /** Whether a name is dropped on its own: hop-by-hop (as {@link ForwardedHeaders#isHopByHop}) or x-http2-*. */
    private static boolean isDropped(byte[] in, int start, int length) {
        return length > 8 && named(in, start, 8, "x-http2-") || switch (length) {
            case 2 -> named(in, start, 2, "te");
            case 7 -> named(in, start, 7, "trailer") || named(in, start, 7, "upgrade");
            case 10 -> named(in, start, 10, "connection") || named(in, start, 10, "keep-alive");
            case 16 -> named(in, start, 16, "proxy-connection");
            case 17 -> named(in, start, 17, "transfer-encoding");
            case 18 -> named(in, start, 18, "proxy-authenticate");
            case 19 -> named(in, start, 19, "proxy-authorization");
            default -> false;
        };
    }

    /** Whether the {@code length} bytes at {@code start} equal the first {@code length} of {@code lowerCase}, ignoring case. */
    private static boolean named(byte[] in, int start, int length, String lowerCase) {
        for (int i = 0; i < length; i++) {
            if (lower(in[start + i]) != lowerCase.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameName(byte[] in, int a, int b, int length) {
        for (int i = 0; i < length; i++) {
            if (lower(in[a + i]) != lower(in[b + i])) {
                return false;
            }
        }
        return true;
    }

    private static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }

    /** The first index in [from, to) that is not SP or HTAB, else {@code to}. */
    private static int skipBlanks(byte[] in, int from, int to) {
        int i = from;
        while (i < to && isBlank(in[i])) {
            i++;
        }
        return i;
    }

    /** The end of [from, to) without trailing SP and HTAB. */
    private static int trimBlanks(byte[] in, int from, int to) {
        int i = to;
        while (i > from && isBlank(in[i - 1])) {
            i--;
        }
        return i;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }

    private static boolean matches(byte[] in, int index, byte[] expected) {
        for (int i = 0; i < expected.length; i++) {
            if (in[index + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /** The first index in [from, to) holding {@code b}, or -1. */
    private static int indexOf(byte[] in, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (in[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** The first index in [from, to) whose byte is not in {@code allowed}, or -1. */
    private static int firstNot(byte[] in, int from, int to, boolean[] allowed) {
        for (int i = from; i < to; i++) {
            if (!allowed[in[i] & 0xFF]) {
                return i;
            }
        }
        return -1;
    }
}
