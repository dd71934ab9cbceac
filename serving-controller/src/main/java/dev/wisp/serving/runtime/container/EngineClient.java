package dev.wisp.serving.runtime.container;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A client of the Docker-compatible Engine API (Docker, or Podman's {@code podman system service})
 * over its Unix socket, on Vert.x's HTTP client. Every call is asynchronous; error answers fail the
 * returned future with an {@link EngineException} carrying the engine's message.
 */
public final class EngineClient implements AutoCloseable {

    private static final String API = "/v1.41";
    private static final long REQUEST_IDLE_MILLIS = 60_000;
    /** An engine unpacks and stores a loaded archive before it answers: minutes for a large image. */
    private static final long LOAD_IDLE_MILLIS = 300_000;
    private static final int LOAD_CHUNK_BYTES = 64 * 1024;
    private static final Duration STOP_MARGIN = Duration.ofSeconds(15);

    private final Vertx vertx;
    private final HttpClient http;
    private final SocketAddress socket;
    private final Path socketPath;

    private EngineClient(Vertx vertx, Path socket) {
        this.vertx = vertx;
        this.socketPath = socket;
        this.socket = SocketAddress.domainSocketAddress(socket.toAbsolutePath().toString());
        // Waits and followed logs hold a connection each for the life of a container. Connections
        // are not reused: a Unix socket connects in microseconds, and an engine closing an idle
        // pooled connection under a new request would fail that request.
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false),
                new PoolOptions().setHttp1MaxSize(512));
    }

    /**
     * A client of the engine listening on {@code socket}, on its own small Vert.x instance with the
     * native transport (Vert.x 4.5 reaches Unix sockets only through it).
     */
    public static EngineClient open(Path socket) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(1)
                .setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        if (!vertx.isNativeTransportEnabled()) {
            Throwable cause = vertx.unavailableNativeTransportCause();
            vertx.close();
            throw new IllegalStateException("the container runtime needs Netty's native epoll transport to reach "
                    + socket + ": " + (cause == null ? "unavailable" : cause.getMessage()));
        }
        return new EngineClient(vertx, socket);
    }

    /** The socket this client talks to. */
    public Path socket() {
        return socketPath;
    }

    /** Completes when the engine answers {@code /_ping}. */
    public Future<Void> ping() {
        return call(HttpMethod.GET, "/_ping", null, REQUEST_IDLE_MILLIS).mapEmpty();
    }

    /** The engine's inspection of a local image, or empty when it has no such image. */
    public Future<Optional<JsonObject>> inspectImage(String reference) {
        return get(API + "/images/" + reference + "/json")
                .map(body -> Optional.of(body.toJsonObject()))
                .recover(e -> isNotFound(e) ? Future.succeededFuture(Optional.empty()) : Future.failedFuture(e));
    }

    /** Pulls an image; fails with the engine's message when the pull stream reports an error. */
    public Future<Void> pullImage(String reference) {
        return call(HttpMethod.POST, API + "/images/create?fromImage=" + encode(reference), null, 0)
                .compose(EngineClient::failOnStreamError);
    }

    /**
     * Loads a Docker archive ({@code docker save} format) into the engine, streaming the file as the
     * request body; completes with the reference the engine loaded it as (its name, else its image ID).
     * A failure names the archive and carries the engine's message.
     */
    public Future<String> loadImage(Path archive) {
        String file = archive.toString();
        return vertx.fileSystem().props(file)
                .compose(props -> vertx.fileSystem().open(file, new OpenOptions().setRead(true).setWrite(false).setCreate(false))
                        .compose(in -> upload(API + "/images/load?quiet=1", in.setReadBufferSize(LOAD_CHUNK_BYTES), props.size())
                                .eventually(v -> in.close().otherwiseEmpty())))
                .map(body -> ImageLoadAnswer.loadedReference(file, body.toString(StandardCharsets.UTF_8)))
                .recover(e -> Future.failedFuture(loadFailure(archive, e)));
    }

    /** Creates a container named {@code name}; completes with its id. */
    public Future<String> createContainer(String name, JsonObject spec) {
        return call(HttpMethod.POST, API + "/containers/create?name=" + encode(name), spec.toBuffer(), REQUEST_IDLE_MILLIS)
                .map(body -> body.toJsonObject().getString("Id"));
    }

    /** Starts a created container. */
    public Future<Void> startContainer(String id) {
        return call(HttpMethod.POST, API + "/containers/" + id + "/start", null, REQUEST_IDLE_MILLIS).mapEmpty();
    }

    /** Stops a container: SIGTERM (or its stop signal), then SIGKILL after {@code grace}. */
    public Future<Void> stopContainer(String id, Duration grace) {
        long idle = grace.plus(STOP_MARGIN).toMillis();
        return call(HttpMethod.POST, API + "/containers/" + id + "/stop?t=" + grace.toSeconds(), null, idle).mapEmpty();
    }

    /** Completes with the container's exit code once it has stopped. */
    public Future<Integer> waitContainer(String id) {
        return call(HttpMethod.POST, API + "/containers/" + id + "/wait", null, 0)
                .map(body -> body.toJsonObject().getInteger("StatusCode", -1));
    }

    /** Removes a container, killing it first if it still runs; a container already gone is fine. */
    public Future<Void> removeContainer(String id) {
        return call(HttpMethod.DELETE, API + "/containers/" + id + "?force=true&v=true", null, REQUEST_IDLE_MILLIS)
                .<Void>mapEmpty()
                .recover(e -> isNotFound(e) ? Future.succeededFuture() : Future.failedFuture(e));
    }

    /** The engine's inspection of a container. */
    public Future<JsonObject> inspectContainer(String id) {
        return get(API + "/containers/" + id + "/json").map(Buffer::toJsonObject);
    }

    /** Every container, running or not, carrying all of {@code labelFilters} ({@code key=value}). */
    public Future<JsonArray> listContainers(List<String> labelFilters) {
        String filters = new JsonObject().put("label", new JsonArray(List.copyOf(labelFilters))).encode();
        return get(API + "/containers/json?all=true&filters=" + encode(filters)).map(Buffer::toJsonArray);
    }

    /**
     * Follows a container's stdout and stderr into {@code file} (appending); completes when the
     * stream ends, which the engine does when the container stops.
     */
    public Future<Void> followLogs(String id, Path file) {
        RequestOptions options = request(HttpMethod.GET,
                API + "/containers/" + id + "/logs?follow=true&stdout=true&stderr=true", 0);
        return vertx.fileSystem().open(file.toString(), new OpenOptions().setAppend(true).setCreate(true).setWrite(true))
                .compose(out -> http.request(options).compose(req -> req.send())
                        .compose(response -> copyFrames(response, out))
                        .eventually(v -> out.close()));
    }

    @Override
    public void close() {
        http.close();
        vertx.close();
    }

    private static Future<Void> copyFrames(HttpClientResponse response, AsyncFile out) {
        if (response.statusCode() >= 300) {
            return response.body().compose(body -> Future.failedFuture(errorOf(response.statusCode(), body)));
        }
        LogFrames frames = new LogFrames(out::write);
        response.handler(frames::feed);
        return response.end();
    }

    /**
     * A GET whose answer is a JSON document: asked once more when the engine answers with an empty
     * body (Podman's service does so now and then under load), which is never a valid answer.
     */
    private Future<Buffer> get(String uri) {
        return call(HttpMethod.GET, uri, null, REQUEST_IDLE_MILLIS)
                .compose(body -> body.length() > 0 ? Future.succeededFuture(body)
                        : call(HttpMethod.GET, uri, null, REQUEST_IDLE_MILLIS));
    }

    private Future<Buffer> call(HttpMethod method, String uri, Buffer body, long idleMillis) {
        RequestOptions options = request(method, uri, idleMillis);
        if (body != null) {
            options.putHeader("Content-Type", "application/json");
        }
        return http.request(options)
                .compose(req -> body == null ? req.send() : req.send(body))
                .compose(EngineClient::bodyOrError)
                .recover(e -> Future.failedFuture(e instanceof EngineException ? e
                        : new EngineException(0, "the container engine at " + socketPath + " did not answer "
                        + method + " " + uri + ": " + e.getMessage())));
    }

    private Future<Buffer> upload(String uri, AsyncFile body, long length) {
        RequestOptions options = request(HttpMethod.POST, uri, LOAD_IDLE_MILLIS)
                .putHeader("Content-Type", "application/x-tar").putHeader("Content-Length", Long.toString(length));
        return http.request(options).compose(req -> req.send(body)).compose(EngineClient::bodyOrError);
    }

    private static Future<Buffer> bodyOrError(HttpClientResponse response) {
        return response.body().compose(payload -> response.statusCode() < 300
                ? Future.succeededFuture(payload)
                : Future.failedFuture(errorOf(response.statusCode(), payload)));
    }

    private EngineException loadFailure(Path archive, Throwable error) {
        if (error instanceof EngineException engine) {
            return engine.getMessage().contains(archive.toString()) ? engine
                    : new EngineException(engine.status(), "the engine could not load " + archive + ": " + engine.getMessage());
        }
        return new EngineException(0, "cannot load " + archive + " into the container engine at " + socketPath + ": "
                + error.getMessage());
    }

    private RequestOptions request(HttpMethod method, String uri, long idleMillis) {
        return new RequestOptions().setServer(socket).setHost("localhost").setMethod(method).setURI(uri)
                .setIdleTimeout(idleMillis);
    }

    private static Future<Void> failOnStreamError(Buffer stream) {
        for (String line : stream.toString(StandardCharsets.UTF_8).split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                String error = new JsonObject(line).getString("error");
                if (error != null && !error.isBlank()) {
                    return Future.failedFuture(new EngineException(500, error));
                }
            } catch (DecodeException e) {
                // progress output the engine may interleave; only error objects matter
            }
        }
        return Future.succeededFuture();
    }

    private static EngineException errorOf(int status, Buffer body) {
        String text = body.toString(StandardCharsets.UTF_8).strip();
        try {
            String message = new JsonObject(text).getString("message");
            return new EngineException(status, message == null ? text : message);
        } catch (DecodeException e) {
            return new EngineException(status, text.isEmpty() ? "HTTP " + status : text);
        }
    }

    private static boolean isNotFound(Throwable error) {
        return error instanceof EngineException engine && engine.isNotFound();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
