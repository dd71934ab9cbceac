package dev.wisp.serving.reconciler.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NamesTest {

    record Case(String name, String route, String namespace, String domain, String tag, int port,
                String expectedHost, String expectedUrl) {
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("standalone default", "hello", "default", "localhost", null, 8080,
                        "hello.default.localhost", "http://hello.default.localhost:8080"),
                new Case("port 80 is left out", "hello", "default", "example.com", null, 80,
                        "hello.default.example.com", "http://hello.default.example.com"),
                new Case("tag host", "hello", "shop", "localhost", "canary", 8080,
                        "canary-hello.shop.localhost", "http://canary-hello.shop.localhost:8080"),
                new Case("tag host on port 80", "api", "prod", "example.com", "v2", 80,
                        "v2-api.prod.example.com", "http://v2-api.prod.example.com"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void formsHostsAndUrls(Case c) {
        String host = c.tag() == null ? Names.host(c.route(), c.namespace(), c.domain())
                : Names.tagHost(c.tag(), c.route(), c.namespace(), c.domain());

        assertThat(host).isEqualTo(c.expectedHost());
        assertThat(Names.url(host, c.port())).isEqualTo(c.expectedUrl());
    }
}
