package dev.wisp.api.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
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
    void theWorkerLoopProcessesEachKeyAndEndsAtShutDown() {
        WorkQueue<String> queue = new WorkQueue<>();
        List<String> processed = new ArrayList<>();
        queue.add("a");
        queue.add("b");
        queue.runUntilShutDown(key -> {
            processed.add(key);
            if (processed.size() == 1) {
                queue.add("a"); // added while processing: handed out again after "b"
            } else if (processed.size() == 3) {
                queue.shutDown();
            }
        });
        assertThat(processed).containsExactly("a", "b", "a");
    }
}
