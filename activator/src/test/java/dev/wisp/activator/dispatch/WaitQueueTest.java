package dev.wisp.activator.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WaitQueueTest {

    @Test
    void servesFirstInFirstOut() {
        WaitQueue<String> queue = new WaitQueue<>(3);
        queue.offer("a");
        queue.offer("b");
        queue.offer("c");

        assertThat(queue.poll()).isEqualTo("a");
        assertThat(queue.poll()).isEqualTo("b");
        assertThat(queue.poll()).isEqualTo("c");
        assertThat(queue.poll()).isNull();
    }

    @Test
    void refusesBeyondItsCapacity() {
        WaitQueue<String> queue = new WaitQueue<>(2);

        assertThat(queue.offer("a")).isTrue();
        assertThat(queue.offer("b")).isTrue();
        assertThat(queue.offer("c")).isFalse();
        assertThat(queue.size()).isEqualTo(2);
    }

    @Test
    void aRequestComingBackGoesFirstEvenWhenFull() {
        WaitQueue<String> queue = new WaitQueue<>(1);
        queue.offer("b");

        queue.pushFront("a");

        assertThat(queue.size()).isEqualTo(2);
        assertThat(queue.poll()).isEqualTo("a");
    }

    @Test
    void removesByIdentity() {
        WaitQueue<String> queue = new WaitQueue<>(3);
        String first = new String("same");
        String second = new String("same");
        queue.offer(first);
        queue.offer(second);

        assertThat(queue.remove(second)).isTrue();
        assertThat(queue.poll()).isSameAs(first);
        assertThat(queue.remove(second)).isFalse();
    }

    @Test
    void capacityMustBePositive() {
        assertThatThrownBy(() -> new WaitQueue<>(0)).hasMessage("capacity must be at least 1, got 0");
    }
}
