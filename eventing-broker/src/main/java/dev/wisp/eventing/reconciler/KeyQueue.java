package dev.wisp.eventing.reconciler;

import java.util.LinkedHashSet;

/** A de-duplicating FIFO of keys for one worker: a key waits at most once. */
final class KeyQueue<K> {
    private final LinkedHashSet<K> waiting = new LinkedHashSet<>();
    private boolean shutDown;

    synchronized void add(K key) {
        if (!shutDown && waiting.add(key)) {
            notifyAll();
        }
    }

    /** The next key, waiting for one; null once shut down. */
    synchronized K take() throws InterruptedException {
        while (waiting.isEmpty() && !shutDown) {
            wait();
        }
        if (shutDown) {
            return null;
        }
        K key = waiting.iterator().next();
        waiting.remove(key);
        return key;
    }

    synchronized void shutDown() {
        shutDown = true;
        notifyAll();
    }
}
