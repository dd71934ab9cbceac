package dev.wisp.activator.proxy;

/**
 * Byte-level rules shared by the request and response head scanners: RFC 9110 token and field-value
 * bytes, case-insensitive name matching, the hop-by-hop names, and small search helpers over a byte
 * array. Stateless; nothing here allocates.
 */
final class HeadBytes {

    /** The bytes a field value or reason phrase may hold: no CTL but HTAB; obs-text (0x80-0xFF) passes. */
    static final boolean[] VALUE = new boolean[256];
    /** The bytes of an RFC 9110 token. */
    static final boolean[] TOKEN = new boolean[256];

    static {
        for (char c : "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray()) {
            TOKEN[c] = true;
        }
        for (int b = 0; b < 256; b++) {
            VALUE[b] = b == '\t' || b >= 0x20 && b != 0x7F;
        }
    }

    private HeadBytes() {
    }

    /**
     * The index of the colon of the field line [start, cr) when it is strictly well formed (a token name right
     * before ':', a value of field-value bytes), else -1: obs-fold, an empty name, a non-token byte or a space
     * before ':', a CTL in the value.
     */
    static int fieldColon(byte[] in, int start, int cr) {
        int colon = firstNot(in, start, cr, TOKEN);
        return colon <= start || in[colon] != ':' || firstNot(in, colon + 1, cr, VALUE) >= 0 ? -1 : colon;
    }

    /** The value of 1..18 ASCII digits in [from, to), or -1. */
    static long digits(byte[] in, int from, int to) {
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

    /** Whether a name is dropped on its own: hop-by-hop (as {@link ForwardedHeaders#isHopByHop}) or x-http2-*. */
    static boolean isDropped(byte[] in, int start, int length) {
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
    static boolean named(byte[] in, int start, int length, String lowerCase) {
        for (int i = 0; i < length; i++) {
            if (lower(in[start + i]) != lowerCase.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static boolean sameName(byte[] in, int a, int b, int length) {
        for (int i = 0; i < length; i++) {
            if (lower(in[a + i]) != lower(in[b + i])) {
                return false;
            }
        }
        return true;
    }

    static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }

    /** The first index in [from, to) that is not SP or HTAB, else {@code to}. */
    static int skipBlanks(byte[] in, int from, int to) {
        int i = from;
        while (i < to && isBlank(in[i])) {
            i++;
        }
        return i;
    }

    /** The end of [from, to) without trailing SP and HTAB. */
    static int trimBlanks(byte[] in, int from, int to) {
        int i = to;
        while (i > from && isBlank(in[i - 1])) {
            i--;
        }
        return i;
    }

    static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }

    static boolean matches(byte[] in, int index, byte[] expected) {
        for (int i = 0; i < expected.length; i++) {
            if (in[index + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /** The first index in [from, to) holding {@code b}, or -1. */
    static int indexOf(byte[] in, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (in[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** The first index in [from, to) whose byte is not in {@code allowed}, or -1. */
    static int firstNot(byte[] in, int from, int to, boolean[] allowed) {
        for (int i = from; i < to; i++) {
            if (!allowed[in[i] & 0xFF]) {
                return i;
            }
        }
        return -1;
    }
}
