package dev.wisp.serving.kubernetes.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JsonSubsetTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    record Case(String name, String live, String desired, boolean contains, String overlaid) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("server defaults are ignored", "{'a':1,'clusterIP':'10.0.0.1'}", "{'a':1}", true,
                        "{'a':1,'clusterIP':'10.0.0.1'}"),
                new Case("a changed value is not contained", "{'a':1}", "{'a':2}", false, "{'a':2}"),
                new Case("nested objects compare field by field", "{'o':{'x':1,'y':2}}", "{'o':{'x':1}}", true,
                        "{'o':{'x':1,'y':2}}"),
                new Case("arrays must have the same length", "{'l':[1,2]}", "{'l':[1]}", false, "{'l':[1]}"),
                new Case("array elements are derivative", "{'l':[{'n':'a','d':1}]}", "{'l':[{'n':'a'}]}", true,
                        "{'l':[{'n':'a'}]}"),
                new Case("a missing field is not contained", "{}", "{'a':1}", false, "{'a':1}"),
                new Case("a selector with an extra key is not contained", "{'selector':{'k':'v','x':'y'}}",
                        "{'selector':{'k':'v'}}", false, "{'selector':{'k':'v'}}"),
                new Case("numbers compare by value", "{'n':1.0}", "{'n':1}", true, "{'n':1}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void derivativeComparisonAndOverlay(Case c) throws Exception {
        JsonNode live = json(c.live());
        JsonNode desired = json(c.desired());
        assertThat(JsonSubset.contains(live, desired)).isEqualTo(c.contains());
        assertThat(JsonSubset.overlay(live, desired, JsonNode.class)).isEqualTo(json(c.overlaid()));
    }

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text.replace('\'', '"'));
    }
}
