package dev.wisp.api.eventing.v1;

/** Constants of the {@code eventing.knative.dev/v1} API group: names, annotations and labels. */
public final class Eventing {
    public static final String GROUP = "eventing.knative.dev";
    public static final String VERSION = "v1";
    public static final String API_VERSION = GROUP + "/" + VERSION;

    /** The broker class annotation; Wisp implements every broker on Kafka. */
    public static final String BROKER_CLASS_ANNOTATION = GROUP + "/broker.class";
    /** Knative's class name of the Kafka broker, Wisp's default. */
    public static final String KAFKA_BROKER_CLASS = "Kafka";
    /** Knative's default class; accepted and run on Kafka too, so unmodified YAML applies. */
    public static final String MT_CHANNEL_BROKER_CLASS = "MTChannelBasedBroker";

    /** Label Knative sets on a Trigger: the name of its broker (so triggers can be listed by broker). */
    public static final String BROKER_LABEL = GROUP + "/broker";

    /** Knative Kafka's per-Trigger delivery order annotation: {@value #ORDERED} or {@value #UNORDERED} (default). */
    public static final String DELIVERY_ORDER_ANNOTATION = "kafka.eventing.knative.dev/delivery.order";
    public static final String ORDERED = "ordered";
    public static final String UNORDERED = "unordered";

    private Eventing() {
    }
}
