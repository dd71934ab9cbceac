package dev.wisp.serving.runtime.process;

import static dev.wisp.serving.runtime.process.Revisions.env;
import static dev.wisp.serving.runtime.process.Revisions.sh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.serving.v1.Serving;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentBuilderTest {

    private static final RevisionKey KEY = new RevisionKey("default", "hello-00001");
    private static final Map<String, String> PARENT = Map.of(
            "PATH", "/usr/bin:/bin", "HOME", "/home/wisp", "SECRET_TOKEN", "do-not-leak", "LANG", "C.UTF-8");
    private static final Map<String, String> LABELS = Map.of(
            Serving.SERVICE_LABEL, "hello", Serving.CONFIGURATION_LABEL, "hello-config");

    private final EnvironmentBuilder builder = new EnvironmentBuilder(PARENT);

    @Test
    void inheritsOnlyTheAllowedParentVariables() {
        var env = builder.build(sh("true"), KEY, LABELS, 4321).process();
        assertThat(env).containsEntry("PATH", "/usr/bin:/bin").containsEntry("HOME", "/home/wisp")
                .containsEntry("LANG", "C.UTF-8").doesNotContainKey("SECRET_TOKEN");
    }

    @Test
    void setsPortAndKnativeVariables() {
        var env = builder.build(sh("true"), KEY, LABELS, 4321).process();
        assertThat(env).containsEntry("PORT", "4321").containsEntry("K_SERVICE", "hello")
                .containsEntry("K_CONFIGURATION", "hello-config").containsEntry("K_REVISION", "hello-00001");
    }

    @Test
    void missingLabelsGiveEmptyServiceAndConfiguration() {
        var env = builder.build(sh("true"), KEY, Map.of(), 4321).process();
        assertThat(env).containsEntry("K_SERVICE", "").containsEntry("K_CONFIGURATION", "");
    }

    @Test
    void expandsReferencesToEarlierVariablesOnly() {
        var container = sh("true", env("GREETING", "hi"), env("MESSAGE", "$(GREETING) on $(PORT), $(LATER)"),
                env("LATER", "late"), env("HOME_REF", "$(HOME)"));
        var env = builder.build(container, KEY, LABELS, 4321).container();
        assertThat(env).containsEntry("MESSAGE", "hi on 4321, $(LATER)")
                .as("parent variables are not container variables").containsEntry("HOME_REF", "$(HOME)");
    }

    @Test
    void specCannotOverrideReservedVariables() {
        var env = builder.build(sh("true", env("PORT", "1"), env("TARGET", "World")), KEY, LABELS, 4321).process();
        assertThat(env).containsEntry("PORT", "4321").containsEntry("TARGET", "World");
    }

    @Test
    void specOverridesInheritedVariables() {
        var env = builder.build(sh("true", env("PATH", "/opt/bin")), KEY, LABELS, 4321).process();
        assertThat(env).containsEntry("PATH", "/opt/bin");
    }
}
