package dev.wisp.serving.runtime.process;

import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.serving.v1.Serving;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Test fixtures: revisions and containers built from small option functions. */
final class Revisions {

    static final Path HELLO_JAR = Path.of("../samples/hello/target/hello.jar").toAbsolutePath().normalize();

    private Revisions() {
    }

    @SafeVarargs
    static Revision revision(String name, Container container, Consumer<Revision>... options) {
        Revision revision = new Revision();
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        meta.setNamespace("default");
        meta.setLabels(Map.of(Serving.SERVICE_LABEL, "hello", Serving.CONFIGURATION_LABEL, "hello"));
        revision.setMetadata(meta);
        revision.getSpec().setContainers(new ArrayList<>(List.of(container)));
        for (Consumer<Revision> option : options) {
            option.accept(revision);
        }
        return revision;
    }

    @SafeVarargs
    static Container container(List<String> command, List<String> args, Consumer<Container>... options) {
        Container container = new Container();
        container.setName("user-container");
        container.setCommand(new ArrayList<>(command));
        container.setArgs(new ArrayList<>(args));
        for (Consumer<Container> option : options) {
            option.accept(container);
        }
        return container;
    }

    /** The hello sample app, which answers {@code Hello $TARGET!} on $PORT. */
    @SafeVarargs
    static Container hello(Consumer<Container>... options) {
        if (!HELLO_JAR.toFile().isFile()) {
            throw new IllegalStateException("the sample app " + HELLO_JAR + " is missing: build samples/hello first "
                    + "(mvn -B -o -q install -pl samples/hello)");
        }
        return container(List.of("java"), List.of("-XX:TieredStopAtLevel=1", "-Xshare:auto", "-jar", HELLO_JAR.toString()), options);
    }

    @SafeVarargs
    static Container sh(String script, Consumer<Container>... options) {
        return container(List.of("sh", "-c"), List.of(script), options);
    }

    static Consumer<Container> env(String name, String value) {
        return c -> {
            List<EnvVar> env = c.getEnv() == null ? new ArrayList<>() : new ArrayList<>(c.getEnv());
            env.add(new EnvVar(name, value, null));
            c.setEnv(env);
        };
    }
}
