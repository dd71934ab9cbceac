package dev.wisp.activator.proxy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.TimeoutException;

/**
 * Relays an upstream response body to the client with backpressure, like a pipe, and fails it when
 * the instance sends nothing for the revision's idle timeout (Knative's idleTimeoutSeconds).
 */
final class IdleWatchedRelay {

    private final Vertx vertx;
    private final HttpClientResponse upstream;
    private final HttpServerResponse response;
    private final long idleMillis;
    private final Promise<Void> done = Promise.promise();
    private long lastDataNanos = System.nanoTime();
    private long timerId = -1;

    IdleWatchedRelay(Vertx vertx, HttpClientResponse upstream, HttpServerResponse response, long idleMillis) {
        this.vertx = vertx;
        this.upstream = upstream;
        this.response = response;
        this.idleMillis = idleMillis;
    }

    /** Starts relaying; completes when the body ended, fails on an error or the idle timeout. */
    Future<Void> run() {
        upstream.handler(chunk -> {
            lastDataNanos = System.nanoTime();
            response.write(chunk);
            if (response.writeQueueFull()) {
                upstream.pause();
                response.drainHandler(v -> upstream.resume());
            }
        });
        upstream.exceptionHandler(this::fail);
        upstream.endHandler(v -> {
            vertx.cancelTimer(timerId);
            response.end().onComplete(done);
        });
        schedule(idleMillis);
        upstream.resume();
        return done.future();
    }

    private void schedule(long delayMillis) {
        timerId = vertx.setTimer(Math.max(1, delayMillis), id -> check());
    }

    private void check() {
        if (done.future().isComplete()) {
            return;
        }
        long silentMillis = (System.nanoTime() - lastDataNanos) / 1_000_000;
        if (silentMillis >= idleMillis) {
            fail(new TimeoutException("the instance sent nothing for " + silentMillis + "ms"));
        } else {
            schedule(idleMillis - silentMillis);
        }
    }

    private void fail(Throwable cause) {
        vertx.cancelTimer(timerId);
        done.tryFail(cause);
    }
}
