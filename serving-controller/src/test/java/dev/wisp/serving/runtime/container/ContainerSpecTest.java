package dev.wisp.serving.runtime.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.dataplane.RevisionKey;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ContainerSpecTest {

    private static final RevisionKey KEY = new RevisionKey("default", "web-00001");

    record Case(String name, Consumer<Container> change, Map<String, Object> expected) {
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("the image's own entrypoint, Knative's variables sorted", c -> { },
                        Map.of("/Env", List.of("K_CONFIGURATION=web", "K_REVISION=web-00001", "K_SERVICE=web", "PORT=8080"),
                                "/ExposedPorts", Map.of("8080/tcp", Map.of()))),
                new Case("command is the entrypoint and args the cmd, expanded", c -> {
                    c.setCommand(List.of("sh", "-c"));
                    c.setArgs(List.of("httpd -p $(PORT) -h $(ROOT)"));
                    c.setEnv(List.of(new EnvVar("ROOT", "/www", null)));
                }, Map.of("/Entrypoint", List.of("sh", "-c"), "/Cmd", List.of("httpd -p 8080 -h /www"))),
                new Case("a declared port is PORT and is published on loopback", c -> c.setPorts(List.of(port(9000))),
                        Map.of("/ExposedPorts", Map.of("9000/tcp", Map.of()),
                                "/HostConfig/PortBindings", Map.of("9000/tcp", List.of(Map.of("HostIp", "127.0.0.1", "HostPort", "0"))))),
                new Case("working dir", c -> c.setWorkingDir("/srv"), Map.of("/WorkingDir", "/srv")),
                new Case("memory and cpu limits", c -> c.setResources(limits("64Mi", "500m")),
                        Map.of("/HostConfig/Memory", 67108864L, "/HostConfig/NanoCpus", 500000000L)),
                new Case("ulimits the hosts allow", c -> { },
                        Map.of("/HostConfig/Ulimits", List.of(Map.of("Name", "nofile", "Soft", 1024L, "Hard", 1024L),
                                Map.of("Name", "nproc", "Soft", 1024L, "Hard", 1024L)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void buildsTheCreateBody(Case c) {
        Container container = ContainerRuntimeTest.container("localhost/app:1");
        c.change().accept(container);
        JsonObject spec = ContainerSpec.of(KEY, ContainerRuntimeTest.revision(KEY.name(), container), "localhost/app@sha256:ab",
                Map.of(ContainerLabels.MANAGED, "true"), 0);

        assertThat(spec.getString("Image")).isEqualTo("localhost/app@sha256:ab");
        assertThat(spec.getJsonObject("Labels").getMap()).containsEntry(ContainerLabels.MANAGED, "true");
        c.expected().forEach((pointer, value) -> assertThat(normalize(at(spec, pointer))).as(pointer).isEqualTo(value));
    }

    private static Object at(JsonObject spec, String pointer) {
        Object current = spec;
        for (String part : pointer.substring(1).split("/")) {
            current = ((JsonObject) current).getValue(part);
        }
        return current;
    }

    private static Object normalize(Object value) {
        if (value instanceof JsonObject object) {
            return normalize(object.getMap());
        }
        if (value instanceof JsonArray array) {
            return array.stream().map(ContainerSpecTest::normalize).toList();
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().collect(java.util.stream.Collectors.toMap(e -> e.getKey(), e -> normalize(e.getValue())));
        }
        if (value instanceof Integer number) {
            return number.longValue();
        }
        return value;
    }

    private static ContainerPort port(int number) {
        ContainerPort port = new ContainerPort();
        port.setContainerPort(number);
        return port;
    }

    private static ResourceRequirements limits(String memory, String cpu) {
        ResourceRequirements resources = new ResourceRequirements();
        resources.setLimits(Map.of("memory", new Quantity(memory), "cpu", new Quantity(cpu)));
        return resources;
    }
}
