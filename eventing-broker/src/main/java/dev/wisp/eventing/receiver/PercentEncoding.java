package dev.wisp.eventing.receiver;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the percent-encoding of CloudEvents HTTP header values (binary mode, spec 1.0.2 section
 * 3.1.3.2): {@code %XX} sequences are UTF-8 bytes; anything else is taken as it is.
 */
public final class PercentEncoding {

    private PercentEncoding() {
    }

    /** The decoded value; {@link IllegalArgumentException} naming the problem when it is malformed. */
    public static String decode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            if (i + 2 >= value.length()) {
                throw new IllegalArgumentException("incomplete percent-encoding at position " + i);
            }
            int high = Character.digit(value.charAt(i + 1), 16);
            int low = Character.digit(value.charAt(i + 2), 16);
            if (high < 0 || low < 0) {
                throw new IllegalArgumentException("invalid percent-encoding '" + value.substring(i, i + 3)
                        + "' at position " + i);
            }
            bytes.write(high * 16 + low);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("percent-encoded bytes are not UTF-8");
        }
    }
}
