package dev.wisp.serving.kubernetes.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The informer caches the controllers read their secondary resources from: declaring one (mapped
 * to its owner, or by a mapper of its own) and reading it by name or namespace inside a reconcile.
 */
final class Caches {

    private Caches() {
    }

    /** An informer on {@code type} whose events reconcile the primary that controls the changed object. */
    static <R extends HasMetadata, P extends HasMetadata> InformerEventSource<R, P> owned(
            Class<R> type, EventSourceContext<P> context) {
        return mapped(type, Mappers.fromOwnerReferences(context.getPrimaryResourceClass()), context);
    }

    /** An informer on {@code type} whose events reconcile the primaries {@code mapper} names. */
    static <R extends HasMetadata, P extends HasMetadata> InformerEventSource<R, P> mapped(
            Class<R> type, SecondaryToPrimaryMapper<R> mapper, EventSourceContext<P> context) {
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(type, context.getPrimaryResourceClass())
                .withSecondaryToPrimaryMapper(mapper).build(), context);
    }

    @SuppressWarnings("unchecked")
    static <R extends HasMetadata> InformerEventSource<R, ?> of(Context<?> context, Class<R> type) {
        return (InformerEventSource<R, ?>) context.eventSourceRetriever().getEventSourceFor(type);
    }

    static <R extends HasMetadata> Optional<R> get(Context<?> context, Class<R> type, String namespace, String name) {
        return of(context, type).get(new ResourceID(name, namespace));
    }

    static <R extends HasMetadata> Map<String, R> byName(Context<?> context, Class<R> type, String namespace) {
        return of(context, type).list(namespace, r -> true)
                .collect(Collectors.toMap(r -> r.getMetadata().getName(), Function.identity(), (a, b) -> a));
    }
}
