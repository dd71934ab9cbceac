package dev.wisp.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.wisp.api.serving.v1.Service;
import dev.wisp.platform.kubernetes.MockCluster;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code wisp run} — what each Deployment under deploy/ runs — as a real process of the packaged
 * application, configured only by the environment a pod would have, against the mock API server:
 * it reconciles a Knative Service into a Deployment and serves it through its activator; a bad
 * WISP_ROLES is refused with the valid names.
 */
@EnableKubernetesMockClient(crud = true)
class RunCommandIT {
    private static final Pattern RUN_LINE = Pattern.compile("wisp run: roles=(\\S+) api=(\\d+) ingress=(\\d+)");
    private static final Duration LONG = Duration.ofSeconds(90);

    static KubernetesClient client;

    @Test
    void aBadRoleIsRefusedWithTheValidOnes() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(WispProcess.java(), "-jar", WispProcess.APP_JAR.toString(), "run")
                .redirectErrorStream(true);
        builder.environment().remove("WISP_ROLES");
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(out).contains("error: roles: none given", "controller, activator, autoscaler", "WISP_ROLES");
    }

    @Test
    void anUnreachableApiServerIsOneLineWithinSeconds() throws Exception {
        int closed = WispProcess.freePort();
        ProcessBuilder builder = new ProcessBuilder(WispProcess.java(), "-jar", WispProcess.APP_JAR.toString(),
                "run", "--roles", "all", "--port", "0", "--broker-port", "0").redirectErrorStream(true);
        builder.environment().putAll(Map.of("QUARKUS_HTTP_PORT", "0", "KUBERNETES_MASTER", "http://127.0.0.1:" + closed,
                "KUBERNETES_AUTH_TRYKUBECONFIG", "false", "KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false"));
        long started = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(process.exitValue()).as(out).isNotZero();
        assertThat(out.lines().filter(l -> l.startsWith("error:")).toList()).as(out).containsExactly(
                "error: cannot reach the Kubernetes API at http://127.0.0.1:" + closed + "/: ConnectException: Connection refused"
                        + " (in a pod: its service account; elsewhere: KUBECONFIG or ~/.kube/config)");
        assertThat(out.lines().count()).as(out).isLessThan(5);
        assertThat(took).as("fails fast, not after the informers' retries").isLessThan(Duration.ofSeconds(12));
    }

    @Test
    void runsTheRolesOfWispRolesAgainstTheApiServer() throws Exception {
        MockCluster.installCrds(client);
        HttpServer backend = MockCluster.pod();
        ProcessBuilder builder = new ProcessBuilder(WispProcess.java(), "-Xmx384m", "-jar", WispProcess.APP_JAR.toString(),
                "run", "--port", "0").redirectErrorStream(true);
        builder.environment().putAll(Map.of("WISP_ROLES", "controller,autoscaler,activator", "WISP_DOMAIN", "example.com",
                "QUARKUS_HTTP_PORT", "0", "KUBERNETES_MASTER", client.getMasterUrl().toString(),
                "KUBERNETES_TRUST_CERTIFICATES", "true", "KUBERNETES_AUTH_TRYKUBECONFIG", "false",
                "KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false"));
        Process process = builder.start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> read(process, output), "wisp-run-output");
        reader.setDaemon(true);
        reader.start();
        try {
            await("wisp run starts its roles").atMost(LONG).until(() -> runLine(output) != null);
            Matcher line = runLine(output);
            assertThat(line.group(1)).isEqualTo("controller,activator,autoscaler");
            int ingress = Integer.parseInt(line.group(3));
            int api = Integer.parseInt(line.group(2));
            assertThat(get("http://127.0.0.1:" + api + "/q/health/ready", null).statusCode()).isEqualTo(200);

            client.resource(Serialization.unmarshal("""
                    apiVersion: serving.knative.dev/v1
                    kind: Service
                    metadata: {name: hello, namespace: default}
                    spec:
                      template:
                        spec:
                          containers: [{image: registry.example/hello:1}]
                    """, Service.class)).create();
            await("the controller makes the revision's Deployment").atMost(LONG).until(() ->
                    client.apps().deployments().inNamespace("default").withName("hello-00001-deployment").get() != null);
            podIsReady(backend.getAddress().getPort());
            await("the activator serves the Service").atMost(LONG).untilAsserted(() ->
                    assertThat(get("http://127.0.0.1:" + ingress + "/", "hello.default.example.com").body())
                            .isEqualTo("hello from a pod\n"));
        } finally {
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join("\n", output)).isTrue();
            backend.stop(0);
        }
    }

    /** What the Deployment and EndpointSlice controllers would write once the pod is ready. */
    private static void podIsReady(int port) {
        client.apps().deployments().inNamespace("default").withName("hello-00001-deployment").editStatus(d -> {
            d.setStatus(new DeploymentStatusBuilder().withObservedGeneration(d.getMetadata().getGeneration())
                    .withReplicas(1).withReadyReplicas(1).withAvailableReplicas(1).withUpdatedReplicas(1).build());
            return d;
        });
        client.resource(new EndpointSliceBuilder().withNewMetadata().withNamespace("default").withName("hello-00001-x1")
                .addToLabels("kubernetes.io/service-name", "hello-00001")
                .addToLabels("serving.knative.dev/revision", "hello-00001").endMetadata().withAddressType("IPv4")
                .addNewEndpoint().withAddresses("127.0.0.1").withNewConditions().withReady(true).endConditions().endEndpoint()
                .addNewPort().withName("http").withPort(port).withProtocol("TCP").endPort().build()).create();
    }

    private static Matcher runLine(List<String> output) {
        return output.stream().map(RUN_LINE::matcher).filter(Matcher::find).findFirst().orElse(null);
    }

    private static void read(Process process, List<String> output) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                output.add(line);
            }
        } catch (java.io.IOException e) {
            output.add("(output ended: " + e + ")");
        }
    }

    private static HttpResponse<String> get(String url, String host) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (host != null) {
            request.header("Host", host);
        }
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
