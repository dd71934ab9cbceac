package dev.wisp.deploy;

import dev.wisp.api.testing.ApiCall;
import dev.wisp.api.testing.ApiCallRecorder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wisp.activator.kubernetes.KubernetesDataPlaneSource;
import dev.wisp.activator.kubernetes.KubernetesInstanceDirectory;
import dev.wisp.api.dataplane.ConcurrentRoutingTable;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.serving.v1.RevisionSpec;
import dev.wisp.api.serving.v1.Route;
import dev.wisp.api.serving.v1.RouteStatus;
import dev.wisp.api.serving.v1.TrafficTarget;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Each role's ClusterRole grants every Kubernetes API call the role really makes, recorded by running
 * the role's code against the fabric8 mock server (CRUD mode), and nothing more. To cover another
 * role: create its inputs, {@link ApiCallRecorder#drain()} to forget them, run its code until it has
 * done its work, drain again and pass the calls to {@link #assertGrantsExactly}.
 */
@EnableKubernetesMockClient(crud = true)
class RecordedApiCallsTest {
    private static final Set<String> WRITE_VERBS = Set.of("create", "update", "patch", "delete", "deletecollection");

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void theActivatorIsGrantedTheListsAndWatchesOfItsInformersAndNoMore() throws Exception {
        ApiCallRecorder recorder = new ApiCallRecorder(server);
        createServedRevision();
        recorder.drain();

        ConcurrentRoutingTable table = new ConcurrentRoutingTable();
        KubernetesInstanceDirectory directory = new KubernetesInstanceDirectory();
        try (KubernetesDataPlaneSource source = new KubernetesDataPlaneSource(client, "example.com", table, directory)) {
            source.start().get(20, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(20)).until(() -> table.lookup("hello.default.example.com").isPresent()
                    && directory.endpoints(new RevisionKey("default", "hello-00001")).ready().size() == 1);
        }
        Set<ApiCall> calls = recorder.drain();

        assertThat(calls).extracting(ApiCall::toString).contains("list serving.knative.dev/routes",
                "watch serving.knative.dev/routes", "list serving.knative.dev/revisions",
                "watch serving.knative.dev/revisions", "list discovery.k8s.io/endpointslices",
                "watch discovery.k8s.io/endpointslices");
        RbacRules rules = RbacRules.ofClusterRole("wisp-activator");
        assertGrantsExactly(rules, calls);
        assertThat(rules.grants()).as("the activator only reads").noneMatch(g -> WRITE_VERBS.contains(g.split(" ")[0]));
    }

    /** Every call is granted, no grant uses a wildcard, and every grant was used by some call. */
    static void assertGrantsExactly(RbacRules rules, Set<ApiCall> calls) {
        for (ApiCall call : calls) {
            assertThat(rules.allows(call)).as("%s must grant %s (grants: %s)", rules, call, rules.byResource()).isTrue();
        }
        assertThat(rules.grants()).as("%s uses no wildcard", rules).noneMatch(g -> g.contains("*"));
        Set<String> used = new TreeSet<>();
        calls.forEach(call -> used.add(call.toString()));
        assertThat(rules.grants()).as("%s grants only what the role was seen to use", rules).isSubsetOf(used);
    }

    private void createServedRevision() {
        Revision revision = new Revision();
        revision.setMetadata(new ObjectMetaBuilder().withName("hello-00001").withNamespace("default").build());
        revision.setSpec(new RevisionSpec());
        client.resource(revision).create();
        client.resource(new EndpointSliceBuilder().withNewMetadata().withName("hello-00001-x1").withNamespace("default")
                .addToLabels(KubernetesInstanceDirectory.SERVICE_NAME_LABEL, "hello-00001").endMetadata()
                .withAddressType("IPv4").addNewPort().withName("http").withPort(8080).withProtocol("TCP").endPort()
                .addNewEndpoint().withAddresses("10.0.0.7").withNewConditions().withReady(true).endConditions().endEndpoint()
                .build()).create();
        Route route = new Route();
        route.setMetadata(new ObjectMetaBuilder().withName("hello").withNamespace("default").build());
        RouteStatus status = new RouteStatus();
        status.setTraffic(List.of(new TrafficTarget("hello-00001", null, null, 100L, null)));
        route.setStatus(status);
        client.resource(route).create();
    }
}
