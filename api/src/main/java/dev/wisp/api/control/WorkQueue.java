package dev.wisp.api.control;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A de-duplicating FIFO of keys, like client-go's work queue: a key waits at most once, and a key
 * added while it is being processed is queued again only when its processing is {@link #done}, so
 * one key is never processed by two workers nor lost. Shared by the controllers of every component.
 */
public final class WorkQueue<K> {
    private final Deque<K> queue = new ArrayDeque<>();
    private final Set<K> dirty = new HashSet<>();
    private final Set<K> processing = new HashSet<>();
    private boolean shutDown;

    /** Queues a key unless it is already waiting. */
    public synchronized void add(K key) {
        if (shutDown || !dirty.add(key)) {
            return;
        }
        if (!processing.contains(key)) {
            queue.addLast(key);
            notifyAll();
        }
    }

    /** The next key to process, waiting for one; null once the queue is shut down. */
    public synchronized K take() throws InterruptedException {
        while (queue.isEmpty() && !shutDown) {
            wait();
        }
        if (shutDown) {
            return null;
        }
        K key = queue.removeFirst();
        dirty.remove(key);
        processing.add(key);
        return key;
    }

    /** Marks a taken key processed; queues it again if it was added meanwhile. */
    public synchronized void done(K key) {
        processing.remove(key);
        if (dirty.contains(key) && !shutDown) {
            queue.addLast(key);
            notifyAll();
        }
    }

    /** The number of keys waiting. */
    public synchronized int size() {
        return queue.size();
    }

    /**
     * The worker loop: takes keys and hands each to {@code process} (which handles its own failures)
     * until the queue is shut down or the thread is interrupted.
     */
    public void runUntilShutDown(Consumer<K> process) {
        while (true) {
            K key;
            try {
                key = take();
            } catch (InterruptedException e) {
                return;
            }
            if (key == null) {
                return;
            }
            try {
                process.accept(key);
            } finally {
                done(key);
            }
        }
    }

    /** Stops handing out keys; {@link #take} returns null from now on. */
    public synchronized void shutDown() {
        shutDown = true;
        notifyAll();
    }
}
