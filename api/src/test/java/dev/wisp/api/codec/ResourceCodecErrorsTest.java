package dev.wisp.api.codec;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ResourceCodecErrorsTest {
    private static final String SERVICE_HEAD = "apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: hello\n";

    record Case(String name, String text, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("empty input", "  \n", "no resources: the input is empty"),
                new Case("only empty documents", "---\n# nothing\n---\n", "no resources: the input holds only empty documents"),
                new Case("invalid YAML names line and column", "a: [\n  b: c\n x",
                        "invalid YAML at line 3, column 3: while parsing a flow sequence: expected ',' or ']', but got <stream end>"),
                new Case("tab indentation", "a:\n\t- b",
                        "invalid YAML at line 2, column 1: while scanning for the next token: found character '\\t(TAB)' "
                                + "that cannot start any token. (Do not use \\t(TAB) for indentation)"),
                new Case("invalid JSON", "{\"a\": x}",
                        "invalid JSON at line 1, column 7: Unrecognized token 'x': was expecting "
                                + "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')"),
                new Case("missing apiVersion in the second document",
                        SERVICE_HEAD + "---\nkind: Route\nmetadata:\n  name: r\n", "document 2: missing apiVersion"),
                new Case("missing kind", "apiVersion: serving.knative.dev/v1\nmetadata:\n  name: x\n", "document 1: missing kind"),
                new Case("kind is not a string", "apiVersion: serving.knative.dev/v1\nkind: [Service]\n",
                        "document 1: kind: expected a string, got a list"),
                new Case("unsupported kind", "apiVersion: serving.knative.dev/v1\nkind: Foo\n",
                        "document 1: kind Foo (serving.knative.dev/v1) is not supported; "
                                + "supported kinds: Service, Configuration, Revision, Route, Broker, Trigger, Build"),
                new Case("known kind, other version", "apiVersion: serving.knative.dev/v1alpha1\nkind: Service\n",
                        "document 1: kind Service (serving.knative.dev/v1alpha1) is not supported; "
                                + "supported kinds: Service, Configuration, Revision, Route, Broker, Trigger, Build"),
                new Case("document is a scalar", "just text", "document 1: expected an object with apiVersion and kind, got \"just text\""),
                new Case("integer field holds text",
                        SERVICE_HEAD + "spec:\n  template:\n    spec:\n      containerConcurrency: abc\n",
                        "document 1: spec.template.spec.containerConcurrency: expected an integer, got \"abc\""),
                new Case("integer field holds a fraction",
                        SERVICE_HEAD + "spec:\n  template:\n    spec:\n      timeoutSeconds: 1.5\n",
                        "document 1: spec.template.spec.timeoutSeconds: expected an integer, got 1.5"),
                new Case("list field holds a string",
                        SERVICE_HEAD + "spec:\n  template:\n    spec:\n      containers: nginx\n",
                        "document 1: spec.template.spec.containers: expected a list, got \"nginx\""),
                new Case("nested fabric8 field holds text",
                        SERVICE_HEAD + "spec:\n  template:\n    spec:\n      containers:\n        - image: x\n"
                                + "          ports:\n            - containerPort: http\n",
                        "document 1: spec.template.spec.containers[0].ports[0].containerPort: expected an integer, got \"http\""),
                new Case("boolean field holds an object",
                        SERVICE_HEAD + "spec:\n  traffic:\n    - latestRevision: {yes: 1}\n",
                        "document 1: spec.traffic[0].latestRevision: expected a boolean, got an object"),
                new Case("unknown top-level field", SERVICE_HEAD + "specs: {}\n",
                        "document 1: specs: unknown field (a Service has apiVersion, kind, metadata, spec and status)"),
                new Case("JSON array item", "[{\"apiVersion\": \"serving.knative.dev/v1\", \"kind\": \"Route\"}, {\"kind\": \"Route\"}]",
                        "item 2: missing apiVersion"),
                new Case("List item", "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [{\"apiVersion\": \"v1\", \"kind\": \"Pod\"}]}",
                        "document 1, items[0]: kind Pod (v1) is not supported; supported kinds: Service, Configuration, Revision, Route, Broker, Trigger, Build"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectsWithAOneLineMessage(Case c) {
        assertThatThrownBy(() -> new ResourceCodec().readAll(c.text()))
                .isInstanceOf(CodecException.class)
                .hasMessage(c.message());
    }
}
