package dev.wisp.api.build.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.codec.ResourceCodec;
import dev.wisp.api.validation.FieldError;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BuildValidationTest {
    private static final ResourceCodec CODEC = new ResourceCodec();

    record Case(String name, String spec, List<String> errors) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("git source is valid", "source: {git: {url: 'file:///tmp/repo', revision: main}}", List.of()),
                new Case("local source is valid", "source: {local: {path: /tmp/app}, contextDir: ./samples/hello/}", List.of()),
                new Case("contextDir climbing out is rejected", "source: {local: {path: /tmp/app}, contextDir: ../..}",
                        List.of("spec.source.contextDir: must stay inside the source, but \"../..\" climbs above its root")),
                new Case("contextDir climbing out through a subdirectory is rejected",
                        "source: {local: {path: /tmp/app}, contextDir: a/../../b}",
                        List.of("spec.source.contextDir: must stay inside the source, but \"a/../../b\" climbs above its root")),
                new Case("contextDir going down and up again stays inside",
                        "source: {local: {path: /tmp/app}, contextDir: a/b/../c}", List.of()),
                new Case("absolute contextDir is rejected", "source: {local: {path: /tmp/app}, contextDir: /etc}",
                        List.of("spec.source.contextDir: must be a path relative to the source's root, got absolute path \"/etc\"")),
                new Case("unknown strategy is named", "source: {local: {path: /tmp/app}}\nstrategy: gradle",
                        List.of("spec.strategy: unknown strategy \"gradle\"; must be one of auto, maven, node, python, command")),
                new Case("command strategy needs a command", "source: {local: {path: /tmp/app}}\nstrategy: command",
                        List.of("spec.command: required with strategy command: the argument array that starts the app on $PORT")),
                new Case("no source", "strategy: auto",
                        List.of("spec.source: required: set source.git (url, revision) or source.local (path)")),
                new Case("both sources", "source: {local: {path: /a}, git: {url: 'https://x/y.git'}}",
                        List.of("spec.source: set only one of source.git and source.local, not both")),
                new Case("relative local path", "source: {local: {path: app}}",
                        List.of("spec.source.local.path: must be an absolute path, got \"app\"")),
                new Case("bad git url", "source: {git: {url: 'not a url'}}",
                        List.of("spec.source.git.url: must be an https://, http://, ssh://, git:// or file:// URL (or user@host:path), got \"not a url\"")),
                new Case("revision that looks like an option", "source: {git: {url: 'file:///r', revision: '--upload-pack=x'}}",
                        List.of("spec.source.git.revision: must be a branch, tag or commit, got \"--upload-pack=x\"")),
                new Case("unknown field is named", "source: {local: {path: /a}}\nstrategi: maven",
                        List.of("spec.strategi: unknown field")),
                new Case("bad target service name", "source: {local: {path: /a}}\ntarget: {service: Bad_Name}",
                        List.of("spec.target.service")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validatesWithFieldPaths(Case c) {
        Build build = CODEC.read("apiVersion: build.wisp.dev/v1alpha1\nkind: Build\nmetadata: {name: app}\nspec:\n  "
                + c.spec().replace("\n", "\n  ") + "\n", Build.class);
        BuildDefaults.apply(build);

        List<String> errors = new BuildValidation().check(build).stream().map(FieldError::toString).toList();

        assertThat(errors).hasSize(c.errors().size());
        for (int i = 0; i < errors.size(); i++) {
            assertThat(errors.get(i)).startsWith(c.errors().get(i));
        }
    }
}
