package dev.wisp.activator.handler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RecentHostNameTest {

    /** Authorities in the order requests brought them, and the host name expected for each. */
    record Case(String name, List<String> authorities, List<String> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("one client repeating its Host",
                        list("Hello.default.localhost:8080", "Hello.default.localhost:8080"),
                        list("hello.default.localhost", "hello.default.localhost")),
                new Case("clients alternating between hosts",
                        list("hello.default.localhost", "world.default.localhost:80", "hello.default.localhost"),
                        list("hello.default.localhost", "world.default.localhost", "hello.default.localhost")),
                new Case("same host, another spelling",
                        list("hello.default.localhost", "HELLO.default.localhost.", "hello.default.localhost"),
                        list("hello.default.localhost", "hello.default.localhost", "hello.default.localhost")),
                new Case("missing and empty Host between known ones",
                        list("hello.default.localhost", null, "", "hello.default.localhost", null),
                        list("hello.default.localhost", "", "", "hello.default.localhost", "")),
                new Case("ipv6 authority", list("[::1]:8080", "[::1]:8080", "[::1]"), list("[::1]", "[::1]", "[::1]")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void namesTheHostAsHostHeaderDoes(Case c) {
        RecentHostName hostNames = new RecentHostName();

        for (int i = 0; i < c.authorities().size(); i++) {
            String authority = c.authorities().get(i);
            assertThat(hostNames.of(authority)).as("request %d (%s)", i, authority)
                    .isEqualTo(c.expected().get(i))
                    .isEqualTo(HostHeader.hostName(authority));
        }
    }

    @Test
    void aRepeatedAuthorityGivesBackTheSameHostString() {
        RecentHostName hostNames = new RecentHostName();

        String first = hostNames.of(new String("Hello.default.localhost:8080"));
        String again = hostNames.of(new String("Hello.default.localhost:8080"));

        // The same instance: the routing table's lookup reuses its cached hash.
        assertThat(again).isSameAs(first);
    }

    private static List<String> list(String... values) {
        return Arrays.asList(values); // allows null (a request without Host)
    }
}
