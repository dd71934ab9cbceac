package dev.wisp.serving.runtime.container;

import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;

/**
 * Decodes the Engine API's multiplexed log stream of a container without a TTY: frames of an
 * 8-byte header (stream type, three zero bytes, big-endian payload length) followed by the
 * payload. Frames may be split across or packed into chunks; each payload is passed on whole.
 */
public final class LogFrames {

    private static final int HEADER = 8;

    private final Consumer<Buffer> payloads;
    private Buffer pending = Buffer.buffer();

    public LogFrames(Consumer<Buffer> payloads) {
        this.payloads = payloads;
    }

    /** Feeds the next chunk of the stream; calls the consumer once per complete frame in it. */
    public void feed(Buffer chunk) {
        pending.appendBuffer(chunk);
        int offset = 0;
        while (pending.length() - offset >= HEADER) {
            long size = pending.getUnsignedInt(offset + 4);
            if (pending.length() - offset - HEADER < size) {
                break;
            }
            int start = offset + HEADER;
            payloads.accept(pending.getBuffer(start, start + (int) size));
            offset = start + (int) size;
        }
        pending = offset == 0 ? pending : pending.getBuffer(offset, pending.length());
    }

    /** Bytes received that do not yet form a complete frame. */
    public int buffered() {
        return pending.length();
    }
}
