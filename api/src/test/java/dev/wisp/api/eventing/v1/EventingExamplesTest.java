package dev.wisp.api.eventing.v1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.wisp.api.codec.ExampleFiles;
import dev.wisp.api.codec.ResourceCodec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventingExamplesTest {
    private final ResourceCodec codec = new ResourceCodec();

    @Test
    void brokerTriggerExampleReadsIntoTheModel() {
        List<HasMetadata> resources = codec.readAll(ExampleFiles.read("broker-trigger.yaml"));

        Broker broker = (Broker) resources.get(0);
        Trigger orders = (Trigger) resources.get(1);
        Trigger audit = (Trigger) resources.get(2);
        assertThat(broker.getSpec().getDelivery().getRetry()).isEqualTo(5);
        assertThat(broker.getSpec().getDelivery().getBackoffDelay()).isEqualTo("PT0.2S");
        assertThat(broker.getSpec().getDelivery().getDeadLetterSink().getUri()).isEqualTo("http://127.0.0.1:9999/dead-letters");
        assertThat(orders.getSpec().getFilter().getAttributes()).containsExactlyEntriesOf(java.util.Map.of("type", "com.example.order.created"));
        assertThat(orders.getSpec().getSubscriber().getRef().getName()).isEqualTo("order-handler");
        assertThat(audit.getSpec().getFilters().get(0).getNot().getPrefix()).containsEntry("type", "dev.knative.sources.ping");
    }

    @Test
    void everyDocumentKeepsItsTree() throws IOException {
        String text = ExampleFiles.read("broker-trigger.yaml");
        List<HasMetadata> resources = codec.readAll(text);
        try (MappingIterator<JsonNode> docs = new YAMLMapper().readerFor(JsonNode.class).readValues(text)) {
            List<JsonNode> written = docs.readAll();
            for (int i = 0; i < resources.size(); i++) {
                assertThat(codec.toTree(resources.get(i))).isEqualTo(written.get(i));
            }
        }
    }

    @Test
    void everyDocumentIsValidAfterDefaults() {
        for (HasMetadata resource : codec.readAll(ExampleFiles.read("broker-trigger.yaml"))) {
            EventingDefaults.apply(resource);

            assertThat(new EventingValidation().check(resource)).as(resource.getMetadata().getName()).isEmpty();
        }
    }
}
