package dev.wisp.eventing.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How the embedded Kafka broker runs: where its data lives, where its jars are, the JVM options of
 * its child process and how long it may take to become ready or to stop.
 *
 * @param dataDir      the directory holding the broker's log dirs, properties, pid file and output
 * @param libDir       a directory of the jars of {@code org.apache.kafka:kafka_2.13} and its dependencies
 * @param host         the address it listens on
 * @param jvmOptions   options of the child JVM (heap, GC)
 * @param startTimeout how long it may take until the Admin client can describe the cluster
 * @param stopTimeout  how long a clean shutdown may take before the process tree is killed
 */
public record EmbeddedKafkaSettings(Path dataDir, Path libDir, String host, List<String> jvmOptions,
                                    Duration startTimeout, Duration stopTimeout) {

    /** The system property naming the directory of the broker's jars. */
    public static final String LIB_DIR_PROPERTY = "wisp.kafka.lib";

    public EmbeddedKafkaSettings {
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** Defaults for a data directory and a lib directory: 127.0.0.1, a small heap, 60 s to start, 30 s to stop. */
    public static EmbeddedKafkaSettings defaults(Path dataDir, Path libDir) {
        return new EmbeddedKafkaSettings(dataDir, libDir, "127.0.0.1",
                List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-Djava.awt.headless=true"),
                Duration.ofSeconds(60), Duration.ofSeconds(30));
    }

    /** The lib directory named by the system property {@value #LIB_DIR_PROPERTY}, else {@code fallback}. */
    public static Path libDirFromSystemProperty(Path fallback) {
        String configured = System.getProperty(LIB_DIR_PROPERTY);
        return configured == null || configured.isBlank() ? fallback : Path.of(configured);
    }
}
