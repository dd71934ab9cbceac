package dev.wisp.activator.dispatch;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A bounded first-in first-out queue of requests waiting for one revision. A request that comes
 * back after a failed connection goes to the front, even past the bound: it was admitted already.
 */
public final class WaitQueue<T> {

    private final int capacity;
    private final Deque<T> items = new ArrayDeque<>();

    public WaitQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Appends {@code item}; false when the queue is full. */
    public boolean offer(T item) {
        if (items.size() >= capacity) {
            return false;
        }
        items.addLast(item);
        return true;
    }

    /** Puts an item that was admitted before back at the front. */
    public void pushFront(T item) {
        items.addFirst(item);
    }

    /** Removes and returns the oldest item, or null when empty. */
    public T poll() {
        return items.pollFirst();
    }

    /** Removes {@code item} (by identity); false when it was not waiting. */
    public boolean remove(T item) {
        return items.removeIf(waiting -> waiting == item);
    }

    public int size() {
        return items.size();
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    public int capacity() {
        return capacity;
    }
}
