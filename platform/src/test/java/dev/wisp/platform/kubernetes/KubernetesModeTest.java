package dev.wisp.platform.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.wisp.api.autoscaling.AutoscalerDefaults;
import dev.wisp.api.serving.v1.Route;
import dev.wisp.api.serving.v1.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kubernetes mode in one process against the mock API server (CRUD): the controller, autoscaler and
 * activator roles of {@link KubernetesWisp} take a Knative Service to a Deployment, route a real
 * request to a real backend named in an EndpointSlice, scale the Deployment to zero when idle and
 * back to one when a request waits. The test plays the parts Kubernetes would: the Deployment
 * controller (status) and the EndpointSlice controller (a slice of ready pods while replicas > 0).
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesModeTest {
    private static final Duration GENEROUS = Duration.ofSeconds(60);
    private static final String DEPLOYMENT = "hello-00001-deployment";

    static KubernetesClient client;

    private final Vertx vertx = Vertx.vertx();
    private HttpServer backend;
    private KubernetesWisp wisp;

    @BeforeEach
    void start() throws Exception {
        MockCluster.installCrds(client);
        backend = MockCluster.pod();
        KubernetesSettings settings = new KubernetesSettings(WispRoles.parse("controller,autoscaler,activator"),
                "wisp-system", "example.com", "127.0.0.1", 0, 0, null, null, "127.0.0.1", 1, "http://127.0.0.1:1");
        AutoscalerDefaults quick = new AutoscalerDefaults(Duration.ofSeconds(2), Duration.ofSeconds(1), 100, 0.7, 1,
                false, true);
        wisp = KubernetesWisp.start(settings, quick, Duration.ofMillis(250), new KubernetesWisp.Host(client, vertx,
                new SimpleMeterRegistry(), new AutoscalerMetricsRoute(), "test-pod", Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        wisp.close();
        backend.stop(0);
        vertx.close();
    }

    @Test
    void aServiceIsServedScaledToZeroAndWokenByARequest() throws Exception {
        client.resource(Serialization.unmarshal("""
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata: {name: hello, namespace: default}
                spec:
                  template:
                    spec:
                      containers:
                        - image: registry.example/hello@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
                """, Service.class)).create();

        await().atMost(GENEROUS).until(() -> replicas() == 1);
        podsBecomeReady();
        await().atMost(GENEROUS).until(() -> routeUrl() != null);
        assertThat(routeUrl()).isEqualTo("http://hello.default.example.com");
        assertThat(get().body()).isEqualTo("hello from a pod\n");

        await().atMost(GENEROUS).until(() -> replicas() == 0);
        podsGone();

        CompletableFuture<HttpResponse<String>> waiting = http().sendAsync(request(), HttpResponse.BodyHandlers.ofString());
        await().atMost(GENEROUS).until(() -> replicas() == 1);
        assertThat(waiting).isNotDone();
        podsBecomeReady();
        HttpResponse<String> woken = waiting.get(60, TimeUnit.SECONDS);
        assertThat(woken.statusCode()).isEqualTo(200);
        assertThat(woken.body()).isEqualTo("hello from a pod\n");
    }

    private int replicas() {
        Deployment deployment = client.apps().deployments().inNamespace("default").withName(DEPLOYMENT).get();
        return deployment == null || deployment.getSpec().getReplicas() == null ? -1 : deployment.getSpec().getReplicas();
    }

    private String routeUrl() {
        Route route = client.resources(Route.class).inNamespace("default").withName("hello").get();
        return route == null || route.getStatus() == null ? null : route.getStatus().getUrl();
    }

    /** What the Deployment and EndpointSlice controllers do once the pod is ready. */
    private void podsBecomeReady() {
        client.apps().deployments().inNamespace("default").withName(DEPLOYMENT).editStatus(d -> {
            d.setStatus(new DeploymentStatusBuilder().withObservedGeneration(d.getMetadata().getGeneration())
                    .withReplicas(1).withReadyReplicas(1).withAvailableReplicas(1).withUpdatedReplicas(1).build());
            return d;
        });
        client.resource(new EndpointSliceBuilder().withNewMetadata().withNamespace("default").withName("hello-00001-x1")
                .addToLabels("kubernetes.io/service-name", "hello-00001")
                .addToLabels("serving.knative.dev/revision", "hello-00001").endMetadata()
                .withAddressType("IPv4")
                .addNewEndpoint().withAddresses("127.0.0.1").withNewConditions().withReady(true).endConditions().endEndpoint()
                .addNewPort().withName("http").withPort(backend.getAddress().getPort()).withProtocol("TCP").endPort()
                .build()).createOr(c -> c.update());
    }

    private void podsGone() {
        client.discovery().v1().endpointSlices().inNamespace("default").withName("hello-00001-x1").delete();
        client.apps().deployments().inNamespace("default").withName(DEPLOYMENT).editStatus(d -> {
            d.setStatus(new DeploymentStatusBuilder().withObservedGeneration(d.getMetadata().getGeneration())
                    .withReplicas(0).build());
            return d;
        });
    }

    private HttpRequest request() {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + wisp.ingressPort() + "/"))
                .header("Host", "hello.default.example.com").timeout(Duration.ofSeconds(60)).build();
    }

    private HttpResponse<String> get() throws Exception {
        return http().send(request(), HttpResponse.BodyHandlers.ofString());
    }

    /** HTTP/1.1 with the Host header set (jdk.httpclient.allowRestrictedHeaders=host, set by the pom). */
    private static HttpClient http() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }
}
