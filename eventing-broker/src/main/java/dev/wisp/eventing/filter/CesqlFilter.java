package dev.wisp.eventing.filter;

import io.cloudevents.CloudEvent;
import io.cloudevents.sql.Expression;
import io.cloudevents.sql.Result;

/**
 * The {@code cesql} dialect: a parsed CloudEvents SQL expression; the event passes when it evaluates
 * to TRUE without an evaluation error (a missing attribute, a failed cast), as in Knative.
 */
final class CesqlFilter implements EventFilter {
    private final Expression expression;

    CesqlFilter(Expression expression) {
        this.expression = expression;
    }

    @Override
    public boolean test(CloudEvent event) {
        Result result = expression.evaluate(event);
        return !result.isFailed() && Boolean.TRUE.equals(result.value());
    }
}
