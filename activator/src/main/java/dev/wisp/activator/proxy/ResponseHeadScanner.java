package dev.wisp.activator.proxy;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static dev.wisp.activator.proxy.HeadBytes.VALUE;
import static dev.wisp.activator.proxy.HeadBytes.digits;
import static dev.wisp.activator.proxy.HeadBytes.fieldColon;
import static dev.wisp.activator.proxy.HeadBytes.firstNot;
import static dev.wisp.activator.proxy.HeadBytes.indexOf;
import static dev.wisp.activator.proxy.HeadBytes.isDropped;
import static dev.wisp.activator.proxy.HeadBytes.matches;
import static dev.wisp.activator.proxy.HeadBytes.named;
import static dev.wisp.activator.proxy.HeadBytes.sameName;
import static dev.wisp.activator.proxy.HeadBytes.skipBlanks;
import static dev.wisp.activator.proxy.HeadBytes.trimBlanks;

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
    private static final int FIRST_WINDOW = 1024;
    private static final int DROP = -1;

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
        int colon = fieldColon(in, start, cr);
        if (colon < 0) {
            return false;
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
}
