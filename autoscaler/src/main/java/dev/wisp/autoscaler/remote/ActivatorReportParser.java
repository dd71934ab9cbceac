package dev.wisp.autoscaler.remote;

import dev.wisp.api.autoscaling.RevisionMetric;
import dev.wisp.api.dataplane.RevisionKey;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and validates an {@link ActivatorReport} from its JSON body; a bad report fails with an
 * {@link IllegalArgumentException} whose message starts with the path of the first bad field
 * ({@code metrics[1].averageConcurrency: must be a number >= 0}). Pure.
 */
public final class ActivatorReportParser {

    private ActivatorReportParser() {
    }

    /** The report in {@code body}. */
    public static ActivatorReport parse(JsonObject body) {
        String activator = text(body.getValue("activator"), "activator");
        Instant through = instant(body.getValue("through"), "through");
        List<RevisionMetric> metrics = new ArrayList<>();
        JsonArray samples = array(body.getValue("metrics"), "metrics");
        for (int i = 0; i < samples.size(); i++) {
            metrics.add(metric(object(samples.getValue(i), "metrics[" + i + "]"), "metrics[" + i + "]"));
        }
        List<RevisionKey> pokes = new ArrayList<>();
        JsonArray poked = array(body.getValue("pokes"), "pokes");
        for (int i = 0; i < poked.size(); i++) {
            pokes.add(revision(object(poked.getValue(i), "pokes[" + i + "]"), "pokes[" + i + "]"));
        }
        return new ActivatorReport(activator, through, metrics, pokes);
    }

    private static RevisionMetric metric(JsonObject sample, String path) {
        RevisionKey revision = revision(sample, path);
        Instant at = instant(sample.getValue("at"), path + ".at");
        Object concurrency = sample.getValue("averageConcurrency");
        if (!(concurrency instanceof Number number) || !(number.doubleValue() >= 0)
                || Double.isInfinite(number.doubleValue())) {
            throw bad(path + ".averageConcurrency", "must be a number >= 0 but is " + concurrency);
        }
        Object requests = sample.getValue("requests");
        if (!(requests instanceof Integer || requests instanceof Long) || ((Number) requests).longValue() < 0) {
            throw bad(path + ".requests", "must be a whole number >= 0 but is " + requests);
        }
        return new RevisionMetric(revision, at, ((Number) concurrency).doubleValue(), ((Number) requests).longValue());
    }

    private static RevisionKey revision(JsonObject object, String path) {
        return new RevisionKey(text(object.getValue("namespace"), path + ".namespace"),
                text(object.getValue("revision"), path + ".revision"));
    }

    private static String text(Object value, String path) {
        if (!(value instanceof String text) || text.isBlank()) {
            throw bad(path, "must be a non-empty string but is " + value);
        }
        return text;
    }

    private static Instant instant(Object value, String path) {
        String text = text(value, path);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw bad(path, "must be an RFC 3339 instant such as 2025-01-01T00:00:05Z but is " + text);
        }
    }

    private static JsonArray array(Object value, String path) {
        if (value == null) {
            return new JsonArray();
        }
        if (!(value instanceof JsonArray array)) {
            throw bad(path, "must be an array but is " + value);
        }
        return array;
    }

    private static JsonObject object(Object value, String path) {
        if (!(value instanceof JsonObject object)) {
            throw bad(path, "must be an object but is " + value);
        }
        return object;
    }

    private static IllegalArgumentException bad(String path, String problem) {
        return new IllegalArgumentException(path + ": " + problem);
    }
}
