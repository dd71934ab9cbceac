package dev.wisp.eventing.kafka;

import java.nio.file.Path;

/** Settings of the embedded Kafka the tests start, its jars in the directory Maven copied them to. */
public final class KafkaTestSupport {

    private KafkaTestSupport() {
    }

    public static EmbeddedKafkaSettings settings(Path dataDir) {
        return EmbeddedKafkaSettings.defaults(dataDir,
                EmbeddedKafkaSettings.libDirFromSystemProperty(Path.of("target", "kafka-lib")));
    }
}
