package dev.wisp.eventing.filter;

import dev.wisp.api.eventing.v1.TriggerSpec;
import io.cloudevents.CloudEvent;

/**
 * Decides whether a CloudEvent passes a Trigger's filter. Compiled once per Trigger with
 * {@link #compile(TriggerSpec)}; {@link #test(CloudEvent)} is then cheap, allocation-light and
 * thread-safe.
 */
@FunctionalInterface
public interface EventFilter {
    /** The filter that lets every event pass. */
    EventFilter ALL = event -> true;

    /** True when {@code event} passes. */
    boolean test(CloudEvent event);

    /**
     * The filter of a Trigger as Knative defines it: {@code spec.filters} (all must pass) when it is
     * non-empty, else {@code spec.filter.attributes}, else every event. The spec is assumed valid
     * (admission rejects bad filters); a CESQL expression that does not parse throws
     * {@link io.cloudevents.sql.ParseException}.
     */
    static EventFilter compile(TriggerSpec spec) {
        return FilterCompiler.compile(spec);
    }
}
