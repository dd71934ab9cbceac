package dev.wisp.api.status;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The part every Knative status shares: {@code observedGeneration} and the conditions, with
 * Knative's rules for marking them (the transition time changes only when the status does) and
 * for deriving {@code Ready} from the sub-conditions a kind declares.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class KnativeStatus {
    public static final String READY = "Ready";

    private Long observedGeneration;
    private List<Condition> conditions = new ArrayList<>();

    public Long getObservedGeneration() { return observedGeneration; }
    public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }
    public List<Condition> getConditions() { return conditions; }
    public void setConditions(List<Condition> conditions) { this.conditions = conditions == null ? new ArrayList<>() : conditions; }

    /** The condition types whose conjunction is {@code Ready} for this kind. */
    @JsonIgnore
    protected abstract List<String> readyDependents();

    public Optional<Condition> condition(String type) {
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    /** True when the {@code Ready} condition is True. */
    @JsonIgnore
    public boolean isReady() {
        return condition(READY).map(Condition::isTrue).orElse(false);
    }

    public void markTrue(String type, Instant now) { mark(type, Condition.TRUE, null, null, now); }
    public void markFalse(String type, String reason, String message, Instant now) { mark(type, Condition.FALSE, reason, message, now); }
    public void markUnknown(String type, String reason, String message, Instant now) { mark(type, Condition.UNKNOWN, reason, message, now); }

    /** Sets a condition and, when it is one of {@link #readyDependents()}, recomputes Ready. */
    public void mark(String type, String status, String reason, String message, Instant now) {
        set(type, status, reason, message, now);
        if (!READY.equals(type) && readyDependents().contains(type)) {
            deriveReady(now);
        }
    }

    /** Ready = False if any dependent is False, Unknown if any is Unknown or missing, else True. */
    public void deriveReady(Instant now) {
        Condition worst = null;
        for (String dependent : readyDependents()) {
            Condition c = condition(dependent).orElse(new Condition(dependent, Condition.UNKNOWN, null, null, null));
            if (c.isFalse()) {
                worst = c;
                break;
            }
            if (!c.isTrue() && worst == null) {
                worst = c;
            }
        }
        if (worst == null) {
            set(READY, Condition.TRUE, null, null, now);
        } else {
            set(READY, worst.getStatus(), worst.getReason(), worst.getMessage(), now);
        }
    }

    private void set(String type, String status, String reason, String message, Instant now) {
        Optional<Condition> existing = condition(type);
        String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
        if (existing.isPresent()) {
            Condition c = existing.get();
            if (!Objects.equals(c.getStatus(), status)) {
                c.setLastTransitionTime(time);
            }
            c.setStatus(status);
            c.setReason(reason);
            c.setMessage(message);
        } else {
            conditions.add(new Condition(type, status, reason, message, time));
        }
    }
}
