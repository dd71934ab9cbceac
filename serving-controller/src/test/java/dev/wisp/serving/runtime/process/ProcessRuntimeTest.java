package dev.wisp.serving.runtime.process;

import static dev.wisp.serving.runtime.process.Revisions.container;
import static dev.wisp.serving.runtime.process.Revisions.env;
import static dev.wisp.serving.runtime.process.Revisions.hello;
import static dev.wisp.serving.runtime.process.Revisions.revision;
import static dev.wisp.serving.runtime.process.Revisions.sh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wisp.api.dataplane.Endpoint;
import dev.wisp.api.dataplane.RevisionEndpoints;
import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.serving.runtime.InstanceInfo;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Probe;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The process runtime with real processes: the hello sample app, python3 and sh. */
class ProcessRuntimeTest extends ProcessRuntimeTestBase {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void scaleFromZeroServesTheAppWithItsEnvironment() throws Exception {
        List<RevisionKey> notified = new CopyOnWriteArrayList<>();
        runtime.subscribe(notified::add);
        runtime.ensure(revision(KEY.name(), hello(env("TARGET", "Wisp"))));

        runtime.setDesiredScale(KEY, 1);

        await().atMost(START).until(() -> runtime.readyInstances(KEY) == 1);
        Endpoint endpoint = runtime.endpoints(KEY).ready().get(0);
        HttpResponse<String> response = get(endpoint, "/");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("Hello Wisp!\n");
        assertThat(response.headers().firstValue("X-Revision")).contains(KEY.name());
        assertThat(endpoint.host()).isEqualTo("127.0.0.1");
        assertThat(endpoint.instanceId()).matches("hello-00001-[a-z]{5}");
        assertThat(notified).contains(KEY);
        assertThat(runtime.health(KEY)).satisfies(h -> {
            assertThat(h.everReady()).isTrue();
            assertThat(h.desired()).isEqualTo(1);
            assertThat(h.lastFailure()).isEmpty();
        });
        assertThat(runtime.instances(KEY)).singleElement()
                .satisfies(i -> assertThat(i.state()).isEqualTo(InstanceInfo.State.READY));
        assertThat(runtime.logFiles(KEY)).singleElement()
                .satisfies(log -> assertThat(Files.readString(log)).contains("hello listening port=" + endpoint.port()));
    }

    @Test
    void expandsPortInArgs() throws Exception {
        runtime.ensure(revision(KEY.name(), sh("exec python3 -m http.server $(PORT) --bind 127.0.0.1",
                c -> c.setWorkingDir(workDir.toString()))));
        Files.writeString(workDir.resolve("index.html"), "served from workingDir");

        runtime.setDesiredScale(KEY, 1);

        await().atMost(START).until(() -> runtime.readyInstances(KEY) == 1);
        HttpResponse<String> response = get(runtime.endpoints(KEY).ready().get(0), "/");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("served from workingDir");
    }

    @Test
    void scalesToTwoDistinctPortsThenToZeroStoppingTheProcesses() throws Exception {
        runtime.ensure(revision(KEY.name(), hello()));
        runtime.setDesiredScale(KEY, 2);
        await().atMost(START).until(() -> runtime.readyInstances(KEY) == 2);
        List<Endpoint> ready = runtime.endpoints(KEY).ready();
        assertThat(ready).extracting(Endpoint::port).doesNotHaveDuplicates();
        for (Endpoint endpoint : ready) {
            assertThat(get(endpoint, "/").statusCode()).isEqualTo(200);
        }
        List<Long> pids = runtime.instances(KEY).stream().map(InstanceInfo::pid).toList();
        assertThat(recordFiles()).hasSize(2);
        List<Boolean> aliveWhenUnrouted = new CopyOnWriteArrayList<>();
        runtime.subscribe(key -> {
            if (runtime.endpoints(key).ready().isEmpty()) {
                aliveWhenUnrouted.add(pids.stream().allMatch(ProcessRuntimeTestBase::isAlive));
            }
        });

        runtime.setDesiredScale(KEY, 0);

        await().atMost(START).until(() -> pids.stream().noneMatch(ProcessRuntimeTestBase::isAlive));
        await().atMost(START).until(() -> runtime.instances(KEY).isEmpty());
        assertThat(runtime.endpoints(KEY).ready()).isEmpty();
        assertThat(recordFiles()).isEmpty();
        assertThat(aliveWhenUnrouted).as("endpoints are withdrawn before the processes are signalled").contains(true);
    }

    @Test
    void httpGetProbeUsesItsPath() throws IOException {
        Container python = container(List.of("python3", "-u", "-m", "http.server"), List.of("$(PORT)", "--bind", "127.0.0.1"),
                c -> c.setWorkingDir(workDir.toString()), httpGetProbe("/ready.txt"));
        runtime.ensure(revision(KEY.name(), python));

        runtime.setDesiredScale(KEY, 1);

        await().atMost(START).until(() -> logText().contains("\"GET /ready.txt HTTP/1.1\" 404"));
        assertThat(runtime.readyInstances(KEY)).isZero();
        Files.writeString(workDir.resolve("ready.txt"), "ok");
        await().atMost(START).until(() -> runtime.readyInstances(KEY) == 1);
    }

    @Test
    void closeStopsEveryProcessIncludingChildrenOfTheCommand() {
        runtime.ensure(revision(KEY.name(), sh("sleep 60; echo never reached")));
        runtime.setDesiredScale(KEY, 1);
        long pid = awaitFirstPid();
        await().atMost(START).until(() -> descendants(pid).findAny().isPresent());
        List<Long> tree = Stream.concat(Stream.of(pid), descendants(pid).map(ProcessHandle::pid)).toList();

        runtime.close();

        assertThat(tree).hasSizeGreaterThan(1).noneMatch(ProcessRuntimeTestBase::isAlive);
        assertThat(recordFiles()).isEmpty();
    }

    @Test
    void removeStopsTheInstancesAndForgetsTheRevision() {
        runtime.ensure(revision(KEY.name(), sh("sleep 60")));
        runtime.setDesiredScale(KEY, 1);
        long pid = awaitFirstPid();

        runtime.remove(KEY);

        assertThat(runtime.endpoints(KEY).known()).isFalse();
        assertThat(runtime.health(KEY).registered()).isFalse();
        await().atMost(START).until(() -> !isAlive(pid));
    }

    @Test
    void endpointsCarryTheRevisionSettings() {
        runtime.ensure(revision(KEY.name(), hello(), r -> {
            r.getSpec().setContainerConcurrency(10L);
            r.getSpec().setTimeoutSeconds(60L);
        }));
        RevisionKey other = new RevisionKey("default", "other-00001");
        runtime.ensure(revision(other.name(), hello()));

        assertThat(runtime.endpoints(KEY)).isEqualTo(new RevisionEndpoints(KEY, true, 10, Duration.ofSeconds(60), List.of()));
        assertThat(runtime.endpoints(other)).isEqualTo(new RevisionEndpoints(other, true, 0, Duration.ofSeconds(300), List.of()));
        assertThat(runtime.health(KEY).registered()).isTrue();
    }

    @Test
    void scalingAnUnregisteredRevisionIsIgnored() {
        RevisionKey unknown = new RevisionKey("default", "nobody-00001");

        runtime.setDesiredScale(unknown, 3);

        assertThat(runtime.endpoints(unknown)).isEqualTo(RevisionEndpoints.unknown(unknown));
        assertThat(runtime.health(unknown).registered()).isFalse();
        assertThat(runtime.instances(unknown)).isEmpty();
        assertThat(runtime.readyInstances(unknown)).isZero();
    }

    private String logText() throws IOException {
        StringBuilder text = new StringBuilder();
        for (Path log : runtime.logFiles(KEY)) {
            text.append(Files.readString(log));
        }
        return text.toString();
    }

    private static Consumer<Container> httpGetProbe(String path) {
        return c -> {
            Probe probe = new Probe();
            HTTPGetAction action = new HTTPGetAction();
            action.setPath(path);
            probe.setHttpGet(action);
            c.setReadinessProbe(probe);
        };
    }

    private static HttpResponse<String> get(Endpoint endpoint, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + endpoint.host() + ":" + endpoint.port() + path))
                .timeout(Duration.ofSeconds(5)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static Stream<ProcessHandle> descendants(long pid) {
        return ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants);
    }
}
