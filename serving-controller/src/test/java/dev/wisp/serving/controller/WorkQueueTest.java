package dev.wisp.serving.controller;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkQueueTest {

    @Test
    void keyWaitsOnceAndIsRequeuedWhenAddedWhileProcessing() throws InterruptedException {
        WorkQueue<String> queue = new WorkQueue<>();
        queue.add("a");
        queue.add("b");
        queue.add("a");
        assertThat(queue.size()).isEqualTo(2);

        String first = queue.take();
        assertThat(first).isEqualTo("a");
        queue.add("a");
        assertThat(queue.size()).as("a is being processed: not handed out twice").isEqualTo(1);
        queue.done("a");

        assertThat(queue.take()).isEqualTo("b");
        assertThat(queue.take()).isEqualTo("a");
        queue.shutDown();
        assertThat(queue.take()).isNull();
    }

    @Test
    void backoffDoublesUpToItsCap() {
        RetryBackoff backoff = RetryBackoff.standard();
        assertThat(backoff.delay(1)).hasMillis(100);
        assertThat(backoff.delay(2)).hasMillis(200);
        assertThat(backoff.delay(4)).hasMillis(800);
        assertThat(backoff.delay(40)).hasSeconds(30);
    }
}
