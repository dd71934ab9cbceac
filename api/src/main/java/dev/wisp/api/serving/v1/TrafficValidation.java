package dev.wisp.api.serving.v1;

import dev.wisp.api.validation.FieldErrors;
import dev.wisp.api.validation.KubernetesNames;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates a {@code spec.traffic} block as Knative does: each target names exactly one of
 * {@code revisionName} or {@code latestRevision: true}; percents are 0..100 and sum to 100; tags are
 * unique DNS-1035 labels; {@code url} is status-only. A Service's targets may not name a
 * configuration (they route to its own); a Route's {@code latestRevision} targets must.
 */
final class TrafficValidation {
    /** Who owns the traffic block: the rules on {@code configurationName} differ. */
    enum Owner { SERVICE, ROUTE }

    private TrafficValidation() {
    }

    static void validate(String path, List<TrafficTarget> traffic, Owner owner, FieldErrors errors) {
        if (traffic.isEmpty()) {
            if (owner == Owner.ROUTE) {
                errors.add(path, "required: a Route needs at least one traffic target");
            }
            return;
        }
        long sum = 0;
        Set<String> tags = new HashSet<>();
        for (int i = 0; i < traffic.size(); i++) {
            String at = path + "[" + i + "]";
            TrafficTarget target = traffic.get(i);
            if (target == null) {
                errors.add(at, "must be an object, got null");
                continue;
            }
            validateTarget(at, target, owner, errors);
            validateTag(at + ".tag", target.getTag(), tags, errors);
            long percent = target.getPercent() == null ? 0 : target.getPercent();
            if (percent < 0 || percent > 100) {
                errors.add(at + ".percent", "must be from 0 to 100, got " + percent);
            }
            sum += percent;
        }
        if (sum != 100) {
            errors.add(path, "traffic percents sum to " + sum + ", want 100");
        }
    }

    private static void validateTarget(String at, TrafficTarget target, Owner owner, FieldErrors errors) {
        boolean hasRevision = target.getRevisionName() != null && !target.getRevisionName().isEmpty();
        boolean hasConfiguration = target.getConfigurationName() != null && !target.getConfigurationName().isEmpty();
        Boolean latest = target.getLatestRevision();
        if (hasConfiguration && owner == Owner.SERVICE) {
            errors.add(at + ".configurationName", "not allowed on a Service: its traffic goes to its own configuration");
        }
        if (Boolean.TRUE.equals(latest) && hasRevision) {
            errors.add(at, "expected exactly one of revisionName or latestRevision: true, got both");
        } else if (Boolean.FALSE.equals(latest) && !hasRevision) {
            errors.add(at + ".revisionName", "required when latestRevision is false");
        } else if (latest == null && !hasRevision && !hasConfiguration) {
            errors.add(at, "expected exactly one of revisionName or latestRevision: true, got neither");
        }
        if (owner == Owner.ROUTE && hasConfiguration && hasRevision) {
            errors.add(at, "expected exactly one of revisionName or configurationName, got both");
        }
        if (owner == Owner.ROUTE && Boolean.TRUE.equals(latest) && !hasConfiguration) {
            errors.add(at + ".configurationName", "required with latestRevision: true on a Route");
        }
        if (hasRevision) {
            KubernetesNames.dns1035LabelProblem(target.getRevisionName())
                    .ifPresent(problem -> errors.add(at + ".revisionName", problem));
        }
        if (target.getUrl() != null) {
            errors.add(at + ".url", "must not be set in spec: Wisp reports tag URLs in status");
        }
        errors.unknownFields(at, target.getUnknownFields(), Set.of());
    }

    private static void validateTag(String path, String tag, Set<String> seen, FieldErrors errors) {
        if (tag == null) {
            return;
        }
        if (!seen.add(tag)) {
            errors.add(path, "duplicate tag \"" + tag + "\"");
            return;
        }
        KubernetesNames.dns1035LabelProblem(tag).ifPresent(problem -> errors.add(path, problem));
    }
}
