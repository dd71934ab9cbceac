package dev.wisp.api.eventing.v1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.codec.ResourceCodec;
import dev.wisp.api.validation.FieldError;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventingValidationTest {
    private static final ResourceCodec CODEC = new ResourceCodec();

    /** A Broker or Trigger (YAML after the metadata) and every error it must produce, as {@code path: message}. */
    record Case(String name, String kind, String yaml, List<String> errors) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case trigger(String name, String yaml, String... errors) {
        return new Case(name, "Trigger", yaml, List.of(errors));
    }

    static Case broker(String name, String yaml, String... errors) {
        return new Case(name, "Broker", yaml, List.of(errors));
    }

    private static final String SUBSCRIBER = "  subscriber:\n    uri: http://127.0.0.1:9998/events\n";

    static Stream<Case> cases() {
        return Stream.of(triggerCases(), filterCases(), deliveryCases(), brokerCases()).flatMap(s -> s);
    }

    static Stream<Case> triggerCases() {
        return Stream.of(
                trigger("valid trigger with uri", "spec:\n  broker: default\n" + SUBSCRIBER),
                trigger("valid trigger with a Service ref", """
                        spec:
                          broker: default
                          subscriber:
                            ref: {apiVersion: serving.knative.dev/v1, kind: Service, name: handler}
                        """),
                trigger("broker required", "spec:\n" + SUBSCRIBER,
                        "spec.broker: required: the name of a Broker in the Trigger's namespace"),
                trigger("empty spec", "", "spec.broker: required: the name of a Broker in the Trigger's namespace",
                        "spec.subscriber: required: set ref (a Service) or uri"),
                trigger("subscriber required", "spec:\n  broker: default\n", "spec.subscriber: required: set ref (a Service) or uri"),
                trigger("subscriber needs ref or uri", "spec:\n  broker: default\n  subscriber: {}\n",
                        "spec.subscriber: expected at least one of ref or uri, got neither"),
                trigger("subscriber uri must be absolute http", "spec:\n  broker: default\n  subscriber:\n    uri: /events\n",
                        "spec.subscriber.uri: must be an absolute http or https URL such as http://127.0.0.1:9999/events, got \"/events\""),
                trigger("subscriber uri scheme", "spec:\n  broker: default\n  subscriber:\n    uri: ftp://host/x\n",
                        "spec.subscriber.uri: must be an absolute http or https URL such as http://127.0.0.1:9999/events, got \"ftp://host/x\""),
                trigger("ref with relative uri is a path", """
                        spec:
                          broker: default
                          subscriber:
                            ref: {apiVersion: serving.knative.dev/v1, kind: Service, name: handler}
                            uri: /events
                        """),
                trigger("ref needs name and kind", """
                        spec:
                          broker: default
                          subscriber:
                            ref: {apiVersion: serving.knative.dev/v1}
                        """, "spec.subscriber.ref.name: required", "spec.subscriber.ref.kind: required"),
                trigger("ref to a kubernetes Service is refused", """
                        spec:
                          broker: default
                          subscriber:
                            ref: {apiVersion: v1, kind: Service, name: handler}
                        """, "spec.subscriber.ref: Wisp can address a Service (serving.knative.dev/v1) or a Broker "
                        + "(eventing.knative.dev/v1), got Service (v1)"),
                trigger("ref in another namespace", """
                        spec:
                          broker: default
                          subscriber:
                            ref: {apiVersion: serving.knative.dev/v1, kind: Service, name: handler, namespace: other}
                        """, "spec.subscriber.ref.namespace: must be the resource's own namespace \"default\" "
                        + "(cross-namespace references are not supported), got \"other\""),
                trigger("unknown spec field", "spec:\n  broker: default\n  brokr: x\n" + SUBSCRIBER, "spec.brokr: unknown field"),
                trigger("unknown subscriber field", "spec:\n  broker: default\n  subscriber:\n    url: http://a/\n",
                        "spec.subscriber.url: unknown field", "spec.subscriber: expected at least one of ref or uri, got neither"),
                new Case("delivery order annotation", "Trigger", "metadata:\n  annotations:\n    kafka.eventing.knative.dev/delivery.order: fifo\n"
                        + "spec:\n  broker: default\n" + SUBSCRIBER,
                        List.of("metadata.annotations.kafka.eventing.knative.dev/delivery.order: must be ordered or unordered, got \"fifo\"")),
                new Case("ordered is valid", "Trigger", "metadata:\n  annotations:\n    kafka.eventing.knative.dev/delivery.order: ordered\n"
                        + "spec:\n  broker: default\n" + SUBSCRIBER, List.of()));
    }

    static Stream<Case> filterCases() {
        String head = "spec:\n  broker: default\n" + SUBSCRIBER;
        return Stream.of(
                trigger("valid attributes filter", head + "  filter:\n    attributes: {type: a.b, myext: x, source: \"\"}\n"),
                trigger("attribute names are lowercase letters and digits", head + "  filter:\n    attributes: {Type: a}\n",
                        "spec.filter.attributes.Type: not a CloudEvents attribute name: use lowercase letters and digits only"),
                trigger("unknown filter field", head + "  filter:\n    attribute: {type: a}\n", "spec.filter.attribute: unknown field"),
                trigger("valid filters of every dialect", head + """
                          filters:
                            - exact: {type: a.b}
                            - prefix: {source: /orders}
                            - suffix: {subject: .png}
                            - all: [{exact: {type: a.b}}, {not: {prefix: {type: x}}}]
                            - any: [{cesql: "myext = 'x'"}, {suffix: {type: .created}}]
                            - cesql: "type LIKE 'com.example.%' AND EXISTS subject"
                        """),
                trigger("cesql that does not parse", head + "  filters:\n    - cesql: \"type LIKE (\"\n",
                        "spec.filters[0].cesql: not a valid CloudEvents SQL expression: [RECOGNITION at 10:10 `(`] Cannot parse: "
                                + "mismatched input '(' expecting {DQUOTED_STRING_LITERAL, SQUOTED_STRING_LITERAL}"),
                trigger("empty cesql", head + "  filters:\n    - cesql: \"\"\n",
                        "spec.filters[0].cesql: must be a CloudEvents SQL expression such as \"type = 'com.example.created'\", got \"\""),
                trigger("cesql nested in any", head + "  filters:\n    - exact: {type: a}\n    - any:\n        - not:\n            cesql: \"type =\"\n",
                        "spec.filters[1].any[0].not.cesql: not a valid CloudEvents SQL expression: [RECOGNITION at 6:5 `<EOF>`] "
                                + "Cannot parse: mismatched input '<EOF>' expecting {'(', 'NOT', '-', 'EXISTS', 'TRUE', 'FALSE', "
                                + "DQUOTED_STRING_LITERAL, SQUOTED_STRING_LITERAL, INTEGER_LITERAL, IDENTIFIER, IDENTIFIER_WITH_NUMBER, "
                                + "FUNCTION_IDENTIFIER_WITH_UNDERSCORE}"),
                trigger("exact needs exactly one attribute", head + "  filters:\n    - exact: {type: a, source: b}\n",
                        "spec.filters[0].exact: expected exactly one attribute, got 2 (type, source); combine several with all"),
                trigger("prefix needs one attribute", head + "  filters:\n    - prefix: {}\n",
                        "spec.filters[0].prefix: expected exactly one attribute, got 0"),
                trigger("suffix attribute name", head + "  filters:\n    - suffix: {my_ext: a}\n",
                        "spec.filters[0].suffix.my_ext: not a CloudEvents attribute name: use lowercase letters and digits only"),
                trigger("one dialect per entry", head + "  filters:\n    - exact: {type: a}\n      prefix: {source: b}\n",
                        "spec.filters[0]: expected one dialect (exact, prefix, suffix, all, any, not or cesql), got exact, prefix"),
                trigger("unknown dialect", head + "  filters:\n    - regex: {type: a}\n", "spec.filters[0].regex: unknown field"));
    }

    static Stream<Case> deliveryCases() {
        String head = "spec:\n  broker: default\n" + SUBSCRIBER;
        return Stream.of(
                trigger("valid delivery", head + """
                          delivery:
                            retry: 3
                            backoffPolicy: linear
                            backoffDelay: PT0.5S
                            timeout: PT10S
                            deadLetterSink:
                              uri: http://127.0.0.1:9999/dead
                        """),
                trigger("retry not negative", head + "  delivery:\n    retry: -1\n", "spec.delivery.retry: must be 0 or more, got -1"),
                trigger("backoff policy", head + "  delivery:\n    backoffPolicy: fibonacci\n",
                        "spec.delivery.backoffPolicy: must be linear or exponential, got \"fibonacci\""),
                trigger("backoffDelay is ISO-8601", head + "  delivery:\n    backoffDelay: 200ms\n",
                        "spec.delivery.backoffDelay: must be an ISO-8601 duration such as PT0.2S or PT1M (days, hours, minutes, seconds), got \"200ms\""),
                trigger("timeout is ISO-8601", head + "  delivery:\n    timeout: \"10\"\n",
                        "spec.delivery.timeout: must be an ISO-8601 duration such as PT0.2S or PT1M (days, hours, minutes, seconds), got \"10\""),
                trigger("timeout not negative", head + "  delivery:\n    timeout: PT-1S\n", "spec.delivery.timeout: must not be negative, got \"PT-1S\""),
                trigger("dead letter sink is a destination", head + "  delivery:\n    deadLetterSink:\n      uri: dead\n",
                        "spec.delivery.deadLetterSink.uri: must be an absolute http or https URL such as http://127.0.0.1:9999/events, got \"dead\""),
                trigger("format not supported", head + "  delivery:\n    format: json\n", "spec.delivery.format: not supported by Wisp"));
    }

    static Stream<Case> brokerCases() {
        return Stream.of(
                broker("valid broker without spec", ""),
                broker("valid broker with delivery", "spec:\n  delivery:\n    retry: 5\n    backoffPolicy: exponential\n    backoffDelay: PT0.2S\n"),
                broker("broker delivery validated", "spec:\n  delivery:\n    retry: -2\n    deadLetterSink: {}\n",
                        "spec.delivery.retry: must be 0 or more, got -2", "spec.delivery.deadLetterSink: expected at least one of ref or uri, got neither"),
                broker("broker class", "metadata:\n  annotations:\n    eventing.knative.dev/broker.class: RabbitMQ\n",
                        "metadata.annotations.eventing.knative.dev/broker.class: must be Kafka (Wisp's brokers are Kafka brokers) "
                                + "or MTChannelBasedBroker, got \"RabbitMQ\""),
                broker("config needs name and kind", "spec:\n  config:\n    apiVersion: v1\n",
                        "spec.config.name: required", "spec.config.kind: required"),
                broker("unknown broker spec field", "spec:\n  channelTemplate: {}\n", "spec.channelTemplate: unknown field"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsEveryProblemWithItsPath(Case c) {
        HasMetadata resource = CODEC.readAll(document(c)).get(0);
        EventingDefaults.apply(resource);

        List<String> errors = new EventingValidation().check(resource).stream().map(FieldError::toString).toList();

        assertThat(errors).containsExactlyInAnyOrderElementsOf(c.errors());
    }

    /** The case's YAML with apiVersion, kind and a name added; its own metadata lines are merged in. */
    private static String document(Case c) {
        String yaml = c.yaml();
        String metadata = "metadata:\n  name: t1\n";
        if (yaml.startsWith("metadata:\n")) {
            metadata += yaml.substring("metadata:\n".length(), yaml.indexOf("spec:") < 0 ? yaml.length() : yaml.indexOf("spec:"));
            yaml = yaml.indexOf("spec:") < 0 ? "" : yaml.substring(yaml.indexOf("spec:"));
        }
        return "apiVersion: eventing.knative.dev/v1\nkind: " + c.kind() + "\n" + metadata + yaml;
    }
}
