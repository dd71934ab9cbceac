package dev.wisp.serving.controller;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    @Test
    void backoffDoublesUpToItsCap() {
        RetryBackoff backoff = RetryBackoff.standard();
        assertThat(backoff.delay(1)).hasMillis(100);
        assertThat(backoff.delay(2)).hasMillis(200);
        assertThat(backoff.delay(4)).hasMillis(800);
        assertThat(backoff.delay(40)).hasSeconds(30);
    }
}
