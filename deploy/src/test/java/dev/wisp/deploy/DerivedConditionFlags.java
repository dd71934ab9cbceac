package dev.wisp.deploy;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A Jackson mix-in for the generator's object mapper only: leaves {@code Condition.isTrue()} and
 * {@code isFalse()} (conveniences, not fields) out of the CRD, so that a condition's schema is
 * Knative's (type, status, reason, message, severity, lastTransitionTime).
 */
abstract class DerivedConditionFlags {
    @JsonIgnore
    abstract boolean isTrue();

    @JsonIgnore
    abstract boolean isFalse();
}
