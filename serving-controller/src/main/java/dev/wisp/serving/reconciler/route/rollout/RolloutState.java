package dev.wisp.serving.reconciler.route.rollout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The rollout state of a route: one {@link ConfigurationRollout} per configuration its traffic
 * follows with {@code latestRevision}, sorted by configuration name. Kept as JSON in the Route's
 * {@value #ANNOTATION} annotation so that a rollout survives a restart, as Knative keeps it on its
 * Ingress.
 */
public record RolloutState(List<ConfigurationRollout> configurations) {
    public static final String ANNOTATION = "serving.knative.dev/rollout";
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public RolloutState {
        configurations = configurations.stream()
                .sorted(Comparator.comparing(ConfigurationRollout::configurationName)).toList();
    }

    /** The rollout of one configuration, if the state has one. */
    public Optional<ConfigurationRollout> of(String configurationName) {
        return configurations.stream().filter(c -> c.configurationName().equals(configurationName)).findFirst();
    }

    /** The state as annotation text. */
    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rollout state not serializable", e);
        }
    }

    /** Reads annotation text; empty when absent, unreadable or inconsistent (Knative then starts afresh). */
    public static Optional<RolloutState> parse(String json) {
        if (json == null || json.isBlank()) {
            return Optional.empty();
        }
        try {
            RolloutState state = MAPPER.readValue(json, RolloutState.class);
            boolean valid = state.configurations() != null
                    && state.configurations().stream().allMatch(ConfigurationRollout::valid);
            return valid ? Optional.of(state) : Optional.empty();
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
