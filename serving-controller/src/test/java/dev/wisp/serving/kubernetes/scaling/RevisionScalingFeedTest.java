package dev.wisp.serving.kubernetes.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wisp.api.autoscaling.AutoscalerControl;
import dev.wisp.api.autoscaling.AutoscalerDefaults;
import dev.wisp.api.autoscaling.ScalingPolicy;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.serving.v1.Revision;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The autoscaler learns of revisions (and their annotations) from the API server's watch. */
@EnableKubernetesMockClient(crud = true)
class RevisionScalingFeedTest {
    static KubernetesMockServer server;
    static KubernetesClient client;

    /** The autoscaler's control interface as the feed drives it: what is tracked, with which policy. */
    static final class TrackedRevisions implements AutoscalerControl {
        final Map<RevisionKey, ScalingPolicy> tracked = new ConcurrentHashMap<>();

        @Override
        public void track(RevisionKey revision, ScalingPolicy policy) {
            tracked.put(revision, policy);
        }

        @Override
        public void untrack(RevisionKey revision) {
            tracked.remove(revision);
        }

        @Override
        public int desiredScale(RevisionKey revision) {
            return tracked.containsKey(revision) ? 0 : -1;
        }
    }

    @Test
    void revisionsAreTrackedWithTheirAnnotationsAndUntrackedWhenDeleted() {
        client.resource(revision("f1", "old-00001", "3")).create();
        TrackedRevisions autoscaler = new TrackedRevisions();
        try (RevisionScalingFeed feed = new RevisionScalingFeed(client, autoscaler, AutoscalerDefaults.knative())) {
            RevisionKey old = new RevisionKey("f1", "old-00001");
            await().atMost(Duration.ofSeconds(10)).until(() -> autoscaler.tracked.containsKey(old));
            assertThat(autoscaler.tracked.get(old).maxScale()).isEqualTo(3);

            client.resource(revision("f2", "new-00001", "5")).create();
            RevisionKey added = new RevisionKey("f2", "new-00001");
            await().atMost(Duration.ofSeconds(10)).until(() -> autoscaler.tracked.containsKey(added));
            assertThat(autoscaler.tracked.get(added).maxScale()).isEqualTo(5);

            client.resources(Revision.class).inNamespace("f1").withName("old-00001").delete();
            await().atMost(Duration.ofSeconds(10)).until(() -> !autoscaler.tracked.containsKey(old));
            assertThat(autoscaler.tracked).containsOnlyKeys(added);
        }
    }

    private static Revision revision(String namespace, String name, String maxScale) {
        return Serialization.unmarshal("""
                apiVersion: serving.knative.dev/v1
                kind: Revision
                metadata:
                  name: %s
                  namespace: %s
                  annotations: {autoscaling.knative.dev/max-scale: "%s"}
                spec:
                  containers: [{image: registry.example/x:1}]
                """.formatted(name, namespace, maxScale), Revision.class);
    }
}
