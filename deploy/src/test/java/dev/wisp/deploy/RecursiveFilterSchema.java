package dev.wisp.deploy;

import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;

/**
 * A Jackson mix-in for the generator's object mapper only: gives the recursive fields of a
 * Trigger's {@code filters} entries ({@code all}, {@code any}, {@code not}, which nest
 * {@code SubscriptionsApiFilter}s) the free-form schema Knative's own Trigger CRD has, since a
 * structural schema cannot recurse. The nested filters are still validated by Wisp's admission.
 */
abstract class RecursiveFilterSchema {
    @SchemaFrom(type = NestedFilter[].class)
    Object all;

    @SchemaFrom(type = NestedFilter[].class)
    Object any;

    @SchemaFrom(type = NestedFilter.class)
    Object not;

    /** A nested filter: an object whose fields the API server keeps as they are. */
    @PreserveUnknownFields
    static final class NestedFilter {
    }
}
