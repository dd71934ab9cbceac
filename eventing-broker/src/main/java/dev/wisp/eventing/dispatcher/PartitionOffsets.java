package dev.wisp.eventing.dispatcher;

import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * The offsets of one partition a Trigger has taken but not yet resolved, and from them the offset it
 * may commit: never past an unresolved event, so a crash redelivers rather than loses. Not
 * thread-safe: owned by the consumer thread.
 */
public final class PartitionOffsets {
    private final TreeSet<Long> pending = new TreeSet<>();
    private long next;
    private long committed;

    /** Starts tracking at {@code position}, the offset the consumer reads next (already committed). */
    public PartitionOffsets(long position) {
        this.next = position;
        this.committed = position;
    }

    /** Records that the event at {@code offset} was taken for dispatch. */
    public void begin(long offset) {
        pending.add(offset);
        next = Math.max(next, offset + 1);
    }

    /** Records that the event at {@code offset} is resolved (delivered, filtered, dead-lettered or parked); false if it was not pending. */
    public boolean resolve(long offset) {
        return pending.remove(offset);
    }

    /** The offset to commit (the first unresolved one, else the next to read) when it moved since the last commit. */
    public OptionalLong toCommit() {
        long safe = pending.isEmpty() ? next : pending.first();
        return safe > committed ? OptionalLong.of(safe) : OptionalLong.empty();
    }

    /** Records that {@code offset} was committed. */
    public void committed(long offset) {
        committed = Math.max(committed, offset);
    }

    public int pendingCount() {
        return pending.size();
    }
}
