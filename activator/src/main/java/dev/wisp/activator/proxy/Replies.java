package dev.wisp.activator.proxy;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;

/** Writes the activator's own answers: one line of plain text that says what went wrong. */
public final class Replies {

    private Replies() {
    }

    /**
     * Answers {@code request} with {@code status} and the one-line {@code reason}; resets the
     * connection instead when a response has already started.
     */
    public static void text(HttpServerRequest request, int status, String reason) {
        HttpServerResponse response = request.response();
        if (response.ended()) {
            return;
        }
        if (response.headWritten()) {
            response.reset();
            return;
        }
        // Discard any request body we will never forward, so a keep-alive connection can go on.
        request.resume();
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .end(reason + "\n");
    }

    /** Renders a timeout as Knative users write it: whole seconds when exact, else milliseconds. */
    public static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + "s" : millis + "ms";
    }
}
