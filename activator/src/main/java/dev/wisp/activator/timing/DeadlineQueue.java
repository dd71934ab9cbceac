package dev.wisp.activator.timing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The pending deadlines of one event loop, for one timer per loop instead of one per request.
 * Deadlines are grouped by their length: within a group they are added in time order, so each
 * group is a FIFO list, adding and cancelling are O(1), and the next deadline is the earliest head
 * of a few groups. Pure and not thread-safe: time is a parameter ({@code System.nanoTime()} values).
 *
 * @param <T> what a deadline is for
 */
public final class DeadlineQueue<T> {

    /** One pending deadline; {@link #cancel()} removes it (no effect once fired or cancelled). */
    public static final class Entry<T> {
        private final T item;
        private final long deadline;
        private Group<T> group;
        private Entry<T> previous;
        private Entry<T> next;

        private Entry(T item, long deadline) {
            this.item = item;
            this.deadline = deadline;
        }

        /** The instant (nanoTime) the entry is due. */
        public long deadline() {
            return deadline;
        }

        /** Removes the entry from its queue; false when it had fired or was cancelled already. */
        public boolean cancel() {
            if (group == null) {
                return false;
            }
            group.unlink(this);
            return true;
        }
    }

    /** The deadlines of one length, in the order they fall due. */
    private static final class Group<T> {
        final long length;
        Entry<T> head;
        Entry<T> tail;
        int size;

        Group(long length) {
            this.length = length;
        }

        void append(Entry<T> entry) {
            entry.group = this;
            entry.previous = tail;
            if (tail == null) {
                head = entry;
            } else {
                tail.next = entry;
            }
            tail = entry;
            size++;
        }

        void unlink(Entry<T> entry) {
            if (entry.previous == null) {
                head = entry.next;
            } else {
                entry.previous.next = entry.next;
            }
            if (entry.next == null) {
                tail = entry.previous;
            } else {
                entry.next.previous = entry.previous;
            }
            entry.previous = null;
            entry.next = null;
            entry.group = null;
            size--;
        }
    }

    private final List<Group<T>> groups = new ArrayList<>();

    /** Adds a deadline {@code lengthNanos} after {@code now} for {@code item}. */
    public Entry<T> add(T item, long lengthNanos, long now) {
        long length = Math.max(0, lengthNanos);
        Group<T> group = groupOf(length);
        long deadline = now + length;
        if (group.tail != null && group.tail.deadline - deadline > 0) {
            deadline = group.tail.deadline; // a clock that went back must not break the group's order
        }
        Entry<T> entry = new Entry<>(item, deadline);
        group.append(entry);
        return entry;
    }

    /** The earliest pending deadline, or {@code Long.MAX_VALUE} when none is pending. */
    public long next() {
        boolean any = false;
        long earliest = 0;
        for (int i = 0; i < groups.size(); i++) {
            Entry<T> head = groups.get(i).head;
            if (head != null && (!any || head.deadline - earliest < 0)) {
                earliest = head.deadline;
                any = true;
            }
        }
        return any ? earliest : Long.MAX_VALUE;
    }

    /** Removes every entry due at {@code now} and gives its item to {@code expired}; returns how many. */
    public int expire(long now, Consumer<T> expired) {
        int count = 0;
        for (int i = groups.size() - 1; i >= 0; i--) {
            Group<T> group = groups.get(i);
            for (Entry<T> head = group.head; head != null && head.deadline - now <= 0; head = group.head) {
                group.unlink(head);
                expired.accept(head.item);
                count++;
            }
            if (group.size == 0) {
                groups.remove(i);
            }
        }
        return count;
    }

    /** Pending deadlines. */
    public int size() {
        int size = 0;
        for (int i = 0; i < groups.size(); i++) {
            size += groups.get(i).size;
        }
        return size;
    }

    private Group<T> groupOf(long length) {
        for (int i = 0; i < groups.size(); i++) {
            if (groups.get(i).length == length) {
                return groups.get(i);
            }
        }
        Group<T> group = new Group<>(length);
        groups.add(group);
        return group;
    }
}
