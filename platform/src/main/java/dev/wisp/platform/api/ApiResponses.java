package dev.wisp.platform.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wisp.api.codec.CodecException;
import dev.wisp.api.codec.ResourceCodec;
import dev.wisp.api.store.StoreException;
import dev.wisp.api.validation.FieldError;
import dev.wisp.api.validation.ValidationException;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Writes API responses: resources as JSON (or YAML when asked with {@code Accept: application/yaml}),
 * and failures as Kubernetes {@code Status} objects whose message names what was wrong.
 */
final class ApiResponses {
    private static final Logger LOG = Logger.getLogger(ApiResponses.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ResourceCodec CODEC = new ResourceCodec();

    private ApiResponses() {
    }

    static void ok(RoutingContext ctx, int status, Object body) {
        String accept = ctx.request().getHeader("Accept");
        boolean yaml = accept != null && (accept.contains("yaml"));
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", yaml ? "application/yaml" : "application/json")
                .end(yaml ? CODEC.toYaml(body) : CODEC.toJson(body));
    }

    static void text(RoutingContext ctx, String body) {
        ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(body);
    }

    static void error(RoutingContext ctx, int code, String reason, String message) {
        error(ctx, code, reason, message, List.of());
    }

    static void error(RoutingContext ctx, int code, String reason, String message, List<FieldError> causes) {
        ObjectNode status = JSON.createObjectNode();
        status.put("kind", "Status").put("apiVersion", "v1").put("status", "Failure")
                .put("message", message).put("reason", reason).put("code", code);
        if (!causes.isEmpty()) {
            ArrayNode list = status.putObject("details").putArray("causes");
            causes.forEach(c -> list.addObject().put("field", c.path()).put("message", c.message()));
        }
        ctx.response().setStatusCode(code).putHeader("Content-Type", "application/json").end(status.toPrettyString());
    }

    /** Maps an exception from admission or the store to its HTTP status. */
    static void failure(RoutingContext ctx, RuntimeException e) {
        if (e instanceof ValidationException invalid) {
            error(ctx, 422, "Invalid", invalid.getMessage(), invalid.errors());
        } else if (e instanceof CodecException bad) {
            error(ctx, 400, "BadRequest", bad.getMessage());
        } else if (e instanceof BadRequestException bad) {
            error(ctx, bad.code(), bad.reason(), bad.getMessage());
        } else if (e instanceof StoreException store) {
            storeFailure(ctx, store);
        } else {
            LOG.errorf(e, "api request failed path=%s", ctx.request().path());
            error(ctx, 500, "InternalError", "internal error: " + e);
        }
    }

    private static void storeFailure(RoutingContext ctx, StoreException e) {
        switch (e.reason()) {
            case NOT_FOUND -> error(ctx, 404, "NotFound", e.getMessage());
            case ALREADY_EXISTS -> error(ctx, 409, "AlreadyExists", e.getMessage());
            case CONFLICT -> error(ctx, 409, "Conflict", e.getMessage());
            case INVALID -> error(ctx, 422, "Invalid", e.getMessage());
            default -> {
                LOG.errorf(e, "store failure path=%s", ctx.request().path());
                error(ctx, 500, "InternalError", e.getMessage());
            }
        }
    }
}
