package dev.wisp.activator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ActivatorSettingsTest {

    @Test
    void defaultsAreTheStandaloneOnes() {
        assertThat(ActivatorSettings.defaults())
                .isEqualTo(new ActivatorSettings("127.0.0.1", 8080, 1000, Duration.ofSeconds(1)));
    }

    @Test
    void withersChangeOneField() {
        ActivatorSettings settings = ActivatorSettings.defaults().withPort(0).withMaxQueuedPerRevision(5)
                .withMetricsInterval(Duration.ofMillis(100)).withHost("0.0.0.0");

        assertThat(settings).isEqualTo(new ActivatorSettings("0.0.0.0", 0, 5, Duration.ofMillis(100)));
    }

    @Test
    void invalidValuesAreRejectedWithWhatWasWrong() {
        assertThatThrownBy(() -> ActivatorSettings.defaults().withPort(70000))
                .hasMessage("port must be between 0 and 65535, got 70000");
        assertThatThrownBy(() -> ActivatorSettings.defaults().withMaxQueuedPerRevision(0))
                .hasMessage("maxQueuedPerRevision must be at least 1, got 0");
        assertThatThrownBy(() -> ActivatorSettings.defaults().withMetricsInterval(Duration.ZERO))
                .hasMessage("metricsInterval must be at least 1ms, got PT0S");
    }
}
