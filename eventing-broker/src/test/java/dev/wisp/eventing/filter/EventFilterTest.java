package dev.wisp.eventing.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.codec.ResourceCodec;
import dev.wisp.api.eventing.v1.Trigger;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventFilterTest {
    private static final ResourceCodec CODEC = new ResourceCodec();

    /** A Trigger spec's filter part (YAML under spec:), an event, and whether it passes. */
    record Case(String name, String filterYaml, CloudEvent event, boolean passes) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** An order event: type com.example.order.created, source /shop/orders, subject 42, extension region=eu, priority=7. */
    static CloudEventBuilder order() {
        return CloudEventBuilder.v1()
                .withId("e-1")
                .withType("com.example.order.created")
                .withSource(URI.create("/shop/orders"))
                .withSubject("42")
                .withTime(OffsetDateTime.parse("2024-05-01T12:00:00Z"))
                .withExtension("region", "eu")
                .withExtension("priority", 7);
    }

    static final CloudEvent ORDER = order().build();
    static final CloudEvent PING = CloudEventBuilder.v1().withId("p").withType("dev.knative.sources.ping")
            .withSource(URI.create("/apis/v1/namespaces/default/pingsources/p")).build();

    static Stream<Case> cases() {
        return Stream.of(attributeCases(), dialectCases(), cesqlCases()).flatMap(s -> s);
    }

    static Stream<Case> attributeCases() {
        return Stream.of(
                new Case("no filter passes everything", "", PING, true),
                new Case("empty attributes pass everything", "filter: {attributes: {}}", PING, true),
                new Case("attributes: type equal", "filter: {attributes: {type: com.example.order.created}}", ORDER, true),
                new Case("attributes: type different", "filter: {attributes: {type: com.example.order.created}}", PING, false),
                new Case("attributes: all must match", "filter: {attributes: {type: com.example.order.created, subject: \"43\"}}", ORDER, false),
                new Case("attributes: source URI as written", "filter: {attributes: {source: /shop/orders}}", ORDER, true),
                new Case("attributes: extension equal", "filter: {attributes: {region: eu}}", ORDER, true),
                new Case("attributes: extension different", "filter: {attributes: {region: us}}", ORDER, false),
                new Case("attributes: integer extension as text", "filter: {attributes: {priority: \"7\"}}", ORDER, true),
                new Case("attributes: missing extension fails", "filter: {attributes: {region: eu}}", PING, false),
                new Case("attributes: empty value matches any present value", "filter: {attributes: {region: \"\"}}", ORDER, true),
                new Case("attributes: empty value needs the attribute", "filter: {attributes: {region: \"\"}}", PING, false),
                new Case("attributes: time in RFC 3339", "filter: {attributes: {time: \"2024-05-01T12:00:00Z\"}}", ORDER, true),
                new Case("attributes: specversion", "filter: {attributes: {specversion: \"1.0\"}}", ORDER, true));
    }

    static Stream<Case> dialectCases() {
        return Stream.of(
                new Case("exact match", "filters: [{exact: {type: com.example.order.created}}]", ORDER, true),
                new Case("exact is not a prefix", "filters: [{exact: {type: com.example.order}}]", ORDER, false),
                new Case("exact on extension", "filters: [{exact: {region: eu}}]", ORDER, true),
                new Case("exact on missing attribute", "filters: [{exact: {subject: \"\"}}]", PING, false),
                new Case("prefix match", "filters: [{prefix: {type: com.example.}}]", ORDER, true),
                new Case("prefix no match", "filters: [{prefix: {type: dev.knative.}}]", ORDER, false),
                new Case("suffix match", "filters: [{suffix: {type: .created}}]", ORDER, true),
                new Case("suffix no match", "filters: [{suffix: {type: .deleted}}]", ORDER, false),
                new Case("filters entries are all required", "filters: [{prefix: {type: com.}}, {exact: {region: us}}]", ORDER, false),
                new Case("all passes when all pass", "filters: [{all: [{prefix: {type: com.}}, {exact: {region: eu}}]}]", ORDER, true),
                new Case("all fails when one fails", "filters: [{all: [{prefix: {type: com.}}, {exact: {region: us}}]}]", ORDER, false),
                new Case("any passes when one passes", "filters: [{any: [{exact: {region: us}}, {exact: {region: eu}}]}]", ORDER, true),
                new Case("any fails when none passes", "filters: [{any: [{exact: {region: us}}, {exact: {region: ap}}]}]", ORDER, false),
                new Case("not inverts", "filters: [{not: {prefix: {type: dev.knative.sources.ping}}}]", PING, false),
                new Case("not passes the others", "filters: [{not: {prefix: {type: dev.knative.sources.ping}}}]", ORDER, true),
                new Case("filters override filter", "filter: {attributes: {type: nothing.matches}}\nfilters: [{prefix: {type: com.}}]", ORDER, true),
                new Case("filter applies when filters is empty", "filter: {attributes: {type: nothing.matches}}\nfilters: []", ORDER, false),
                new Case("nested any in not in all",
                        "filters: [{all: [{not: {any: [{exact: {region: us}}, {suffix: {type: .deleted}}]}}, {exact: {subject: \"42\"}}]}]",
                        ORDER, true));
    }

    static Stream<Case> cesqlCases() {
        return Stream.of(
                new Case("cesql equality", "filters: [{cesql: \"type = 'com.example.order.created'\"}]", ORDER, true),
                new Case("cesql LIKE", "filters: [{cesql: \"type LIKE 'com.example.%'\"}]", ORDER, true),
                new Case("cesql LIKE no match", "filters: [{cesql: \"type LIKE 'dev.%'\"}]", ORDER, false),
                new Case("cesql on extension", "filters: [{cesql: \"region = 'eu' AND priority > 5\"}]", ORDER, true),
                new Case("cesql integer comparison fails", "filters: [{cesql: \"priority > 9\"}]", ORDER, false),
                new Case("cesql EXISTS", "filters: [{cesql: \"EXISTS region\"}]", ORDER, true),
                new Case("cesql NOT EXISTS", "filters: [{cesql: \"NOT EXISTS region\"}]", PING, true),
                new Case("cesql IN", "filters: [{cesql: \"subject IN ('41', '42')\"}]", ORDER, true),
                new Case("cesql function", "filters: [{cesql: \"UPPER(region) = 'EU'\"}]", ORDER, true),
                new Case("cesql missing attribute is an error, not a match", "filters: [{cesql: \"region = 'eu'\"}]", PING, false),
                new Case("cesql non-boolean result does not pass", "filters: [{cesql: \"type\"}]", ORDER, false),
                new Case("cesql combined with exact", "filters: [{exact: {region: eu}}, {cesql: \"subject = '42'\"}]", ORDER, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesAsKnative(Case c) {
        Trigger trigger = CODEC.read("apiVersion: eventing.knative.dev/v1\nkind: Trigger\nmetadata: {name: t}\nspec:\n  broker: b\n"
                + c.filterYaml().indent(2), Trigger.class);

        EventFilter filter = EventFilter.compile(trigger.getSpec());

        assertThat(filter.test(c.event())).isEqualTo(c.passes());
    }
}
