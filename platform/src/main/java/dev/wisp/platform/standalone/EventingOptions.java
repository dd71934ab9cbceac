package dev.wisp.platform.standalone;

import java.nio.file.Path;

/**
 * How {@code wisp up} runs eventing.
 *
 * @param enabled    false runs no broker at all
 * @param kafka      an external Kafka's {@code host:port}; null starts the embedded one under the state directory
 * @param brokerPort the broker ingress port (0 = any free port)
 * @param kafkaLib   the jars of the embedded Kafka; null = {@code kafka-lib} beside the application jar
 */
public record EventingOptions(boolean enabled, String kafka, int brokerPort, Path kafkaLib) {

    /** The lib directory to use: the given one, else {@code -Dwisp.kafka.lib}, else {@code kafka-lib} beside quarkus-run.jar. */
    public Path kafkaLibDir() {
        if (kafkaLib != null) {
            return kafkaLib;
        }
        String classPath = System.getProperty("java.class.path", "");
        String first = classPath.split(java.io.File.pathSeparator)[0];
        Path beside = Path.of(first).toAbsolutePath().getParent();
        return dev.wisp.eventing.kafka.EmbeddedKafkaSettings.libDirFromSystemProperty(
                beside == null ? Path.of("kafka-lib") : beside.resolve("kafka-lib"));
    }
}
