package dev.wisp.eventing.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

    @TempDir
    Path dir;

    @Test
    void startsServesStopsAndRestartsOnTheSameDataAndPort() throws Exception {
        EmbeddedKafka kafka = new EmbeddedKafka(KafkaTestSupport.settings(dir));
        try {
            long before = System.nanoTime();
            String bootstrap = kafka.start();
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(45));
            assertThat(bootstrap).startsWith("127.0.0.1:");
            try (Admin admin = admin(bootstrap)) {
                admin.createTopics(List.of(new NewTopic("kept", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            long pid = kafka.pid().orElseThrow();

            kafka.stop();
            assertThat(kafka.isRunning()).isFalse();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();

            assertThat(kafka.start()).isEqualTo(bootstrap);
            try (Admin admin = admin(bootstrap)) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("kept");
            }
        } finally {
            kafka.close();
        }
    }

    @Test
    void aBrokerLeftRunningByAKilledOwnerIsReplacedOnStart() throws Exception {
        EmbeddedKafka first = new EmbeddedKafka(KafkaTestSupport.settings(dir));
        EmbeddedKafka second = new EmbeddedKafka(KafkaTestSupport.settings(dir));
        try {
            first.start();
            long orphan = first.pid().orElseThrow();
            second.start(); // first never stopped, as after a SIGKILL of its owner
            assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            try (Admin admin = admin(second.bootstrapServers())) {
                assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
            }
        } finally {
            second.close();
            first.close();
        }
    }

    static Admin admin(String bootstrap) {
        Properties p = new Properties();
        p.putAll(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        return Admin.create(p);
    }
}
