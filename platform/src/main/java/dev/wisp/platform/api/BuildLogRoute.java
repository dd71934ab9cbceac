package dev.wisp.platform.api;

import dev.wisp.api.build.v1alpha1.Build;
import dev.wisp.api.store.StoreException;
import dev.wisp.platform.standalone.StandaloneWisp;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code GET /apis/build.wisp.dev/v1alpha1/namespaces/{ns}/builds/{name}/log[?offset=N]}: the Build's
 * log from byte N on, as text, so {@code wisp build logs -f} can follow it by asking again from
 * where it stopped.
 */
final class BuildLogRoute {
    private BuildLogRoute() {
    }

    static void handle(StandaloneWisp wisp, RoutingContext ctx) {
        if (wisp == null || wisp.builds() == null) {
            ApiResponses.error(ctx, 503, "ServiceUnavailable", "wisp is not running (starting or stopping)");
            return;
        }
        try {
            String ns = ctx.pathParam("ns");
            String name = ctx.pathParam("name");
            wisp.store().get(Build.class, ns, name).orElseThrow(() -> new StoreException(StoreException.Reason.NOT_FOUND,
                    "builds.build.wisp.dev \"" + name + "\" not found in namespace " + ns));
            ApiResponses.text(ctx, wisp.builds().logs().read(ns, name, offset(ctx)));
        } catch (RuntimeException e) {
            ApiResponses.failure(ctx, e);
        }
    }

    private static long offset(RoutingContext ctx) {
        List<String> values = ctx.queryParam("offset");
        if (values.isEmpty()) {
            return 0;
        }
        try {
            long offset = Long.parseLong(values.get(0));
            if (offset >= 0) {
                return offset;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequestException(400, "BadRequest", "offset: \"" + values.get(0) + "\" is not a non-negative integer");
    }
}
