package dev.wisp.activator.proxy;

import io.netty.channel.Channel;

/**
 * The one rule every relay of the activator follows after writing to a channel: when the channel
 * cannot take more, flush it, and stop reading the source only if it still cannot (a flush may
 * drain it at once, and the writability event that says so has then already been and gone).
 * Reading resumes on the target's next writability change.
 */
final class Backpressure {

    private Backpressure() {
    }

    /** After a write to {@code target}: pauses reading {@code source} while {@code target} is full. */
    static void afterWrite(Channel target, Channel source) {
        if (!target.isWritable()) {
            target.flush();
            if (!target.isWritable()) {
                source.config().setAutoRead(false);
            }
        }
    }
}
