package dev.wisp.platform.cli;

import dev.wisp.api.serving.v1.TrafficTarget;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Edits a Service's {@code spec.traffic} the way {@code kn service update} does, in kn's order:
 * {@code --untag} first, then {@code --tag}, then {@code --traffic}. A reference is a tag, then
 * {@code @latest}, then a revision name; targets not named by {@code --traffic} get 0%, and 0%
 * targets without a tag are dropped. Pure: errors are {@link CliException}s saying what was wrong.
 */
final class TrafficEdits {
    static final String LATEST = "@latest";

    private TrafficEdits() {
    }

    /**
     * @param untags  tags to remove
     * @param tags    {@code REVISION|@latest -> TAG}, in the order given
     * @param traffic {@code TAG|@latest|REVISION -> percent}, in the order given (empty: percents unchanged)
     */
    static List<TrafficTarget> apply(List<TrafficTarget> current, List<String> untags, Map<String, String> tags,
                                     Map<String, Integer> traffic) {
        List<TrafficTarget> targets = new ArrayList<>();
        current.forEach(t -> targets.add(copy(t)));
        untags.forEach(tag -> untag(targets, tag));
        tags.forEach((reference, tag) -> tag(targets, reference, tag));
        if (!traffic.isEmpty()) {
            split(targets, traffic);
        }
        targets.removeIf(t -> percentOf(t) == 0 && (t.getTag() == null || t.getTag().isEmpty()));
        return targets;
    }

    /**
     * Refuses, as {@code kn} does and before anything is sent, a {@code --tag} revision that is neither
     * {@code @latest} nor one of {@code revisions}, and a {@code --traffic} reference that is neither
     * {@code @latest}, one of {@code revisions}, nor a tag (kept or given by {@code --tag}).
     */
    static void checkReferences(String service, Collection<String> revisions, List<TrafficTarget> current,
                                List<String> untags, Map<String, String> tags, Map<String, Integer> traffic) {
        Set<String> knownTags = new HashSet<>();
        current.stream().map(TrafficTarget::getTag).filter(t -> t != null && !t.isEmpty()).forEach(knownTags::add);
        untags.forEach(knownTags::remove);
        knownTags.addAll(tags.values());
        tags.keySet().forEach(reference -> checkRevision(service, revisions, reference));
        traffic.keySet().stream().filter(reference -> !knownTags.contains(reference))
                .forEach(reference -> checkRevision(service, revisions, reference));
    }

    private static void checkRevision(String service, Collection<String> revisions, String reference) {
        if (!LATEST.equals(reference) && !revisions.contains(reference)) {
            throw new CliException("revision \"" + reference + "\" not found for service " + service + " (revisions: "
                    + (revisions.isEmpty() ? "none" : String.join(", ", new TreeSet<>(revisions))) + ")");
        }
    }

    /** Reads {@code A=B,C=D} lists (each flag may also be repeated) into an ordered map; duplicates are refused. */
    static Map<String, String> pairs(String flag, List<String> values) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String value : values) {
            for (String pair : value.split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0 || eq == pair.length() - 1) {
                    throw new CliException(flag + " expects NAME=VALUE, got \"" + pair + "\"");
                }
                String key = pair.substring(0, eq).strip();
                if (pairs.put(key, pair.substring(eq + 1).strip()) != null) {
                    throw new CliException(flag + ": \"" + key + "\" is given more than once");
                }
            }
        }
        return pairs;
    }

    /** Reads {@code --traffic} percents: integers from 0 to 100 that add up to 100. */
    static Map<String, Integer> percents(List<String> values) {
        Map<String, Integer> percents = new LinkedHashMap<>();
        int sum = 0;
        for (Map.Entry<String, String> pair : pairs("--traffic", values).entrySet()) {
            int percent;
            try {
                percent = Integer.parseInt(pair.getValue().replace("%", ""));
            } catch (NumberFormatException e) {
                throw new CliException("--traffic " + pair.getKey() + ": expected a percent from 0 to 100, got \""
                        + pair.getValue() + "\"");
            }
            if (percent < 0 || percent > 100) {
                throw new CliException("--traffic " + pair.getKey() + ": expected a percent from 0 to 100, got " + percent);
            }
            percents.put(pair.getKey(), percent);
            sum += percent;
        }
        if (!percents.isEmpty() && sum != 100) {
            throw new CliException("--traffic percents sum to " + sum + ", want 100");
        }
        return percents;
    }

    private static void untag(List<TrafficTarget> targets, String tag) {
        TrafficTarget target = byTag(targets, tag)
                .orElseThrow(() -> new CliException("--untag " + tag + ": no traffic target has this tag"));
        target.setTag(null);
    }

    private static void tag(List<TrafficTarget> targets, String reference, String tag) {
        if (byTag(targets, tag).isPresent()) {
            throw new CliException("--tag " + reference + "=" + tag + ": the tag \"" + tag
                    + "\" is in use; add --untag " + tag + " to move it");
        }
        Optional<TrafficTarget> untagged = targets.stream()
                .filter(t -> refersTo(t, reference) && (t.getTag() == null || t.getTag().isEmpty())).findFirst();
        if (untagged.isPresent()) {
            untagged.get().setTag(tag);
        } else {
            TrafficTarget added = target(reference, 0);
            added.setTag(tag);
            targets.add(added);
        }
    }

    private static void split(List<TrafficTarget> targets, Map<String, Integer> traffic) {
        Set<TrafficTarget> named = new HashSet<>();
        traffic.forEach((reference, percent) -> {
            TrafficTarget target = byTag(targets, reference)
                    .or(() -> targets.stream().filter(t -> refersTo(t, reference) && !named.contains(t)
                            && (t.getTag() == null || t.getTag().isEmpty())).findFirst())
                    .orElseGet(() -> {
                        TrafficTarget added = target(reference, 0);
                        targets.add(added);
                        return added;
                    });
            if (!named.add(target)) {
                throw new CliException("--traffic " + reference + ": refers to a target already given a percent");
            }
            target.setPercent((long) percent);
        });
        targets.stream().filter(t -> !named.contains(t)).forEach(t -> t.setPercent(0L));
    }

    private static boolean refersTo(TrafficTarget target, String reference) {
        if (LATEST.equals(reference)) {
            return Boolean.TRUE.equals(target.getLatestRevision());
        }
        return Objects.equals(target.getRevisionName(), reference) && !Boolean.TRUE.equals(target.getLatestRevision());
    }

    private static Optional<TrafficTarget> byTag(List<TrafficTarget> targets, String tag) {
        return targets.stream().filter(t -> tag.equals(t.getTag())).findFirst();
    }

    private static TrafficTarget target(String reference, long percent) {
        return LATEST.equals(reference)
                ? new TrafficTarget(null, null, true, percent, null)
                : new TrafficTarget(reference, null, false, percent, null);
    }

    private static TrafficTarget copy(TrafficTarget t) {
        TrafficTarget copy = new TrafficTarget(t.getRevisionName(), t.getConfigurationName(), t.getLatestRevision(),
                t.getPercent(), t.getTag());
        t.getUnknownFields().forEach(copy::setUnknownField);
        return copy;
    }

    private static int percentOf(TrafficTarget target) {
        return target.getPercent() == null ? 0 : target.getPercent().intValue();
    }
}
