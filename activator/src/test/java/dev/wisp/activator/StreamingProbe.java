package dev.wisp.activator;

import dev.wisp.api.dataplane.WeightedRevision;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.streams.WriteStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Run in a JVM whose heap is much smaller than the streams: an upstream, an activator and a client
 * in one process move {@code args[0]} MiB up (once in chunks, once framed by Content-Length: the
 * activator reads the two differently) and down through the activator. Prints the byte counts and
 * exits 0 when all arrived whole (an OutOfMemoryError exits non-zero).
 */
public final class StreamingProbe {

    private static final Buffer CHUNK = Buffer.buffer(new byte[64 * 1024]);
    private static final String HOST = "stream.default.localhost";

    private StreamingProbe() {
    }

    public static void main(String[] args) throws Exception {
        long bytes = Long.parseLong(args[0]) * 1024 * 1024;
        try (ActivatorFixture fixture = new ActivatorFixture()) {
            fixture.instances.declare(ActivatorFixture.revision("stream-00001"), 0, Duration.ofMinutes(5));
            fixture.route(HOST, new WeightedRevision(ActivatorFixture.revision("stream-00001"), 100));
            fixture.instances.addReady(ActivatorFixture.revision("stream-00001"), fixture.keep(UpstreamServer.start(
                    fixture.vertx, "stream", request -> {
                        if (request.method() == HttpMethod.POST) {
                            AtomicLong received = new AtomicLong();
                            request.handler(chunk -> received.addAndGet(chunk.length()));
                            request.endHandler(v -> request.response().end(Long.toString(received.get())));
                        } else {
                            request.response().setChunked(true);
                            writeZeros(fixture.vertx, request.response(), bytes).onSuccess(v -> request.response().end());
                        }
                    })).endpoint());
            HttpClient client = fixture.vertx.createHttpClient();
            RequestOptions target = new RequestOptions().setHost("127.0.0.1").setPort(fixture.activator.port())
                    .putHeader("Host", HOST).setURI("/");
            String uploaded = client.request(new RequestOptions(target).setMethod(HttpMethod.POST))
                    .compose(request -> upload(fixture.vertx, request, bytes, true))
                    .toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
            String uploadedWithLength = client.request(new RequestOptions(target).setMethod(HttpMethod.POST))
                    .compose(request -> upload(fixture.vertx, request, bytes, false))
                    .toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
            AtomicLong downloaded = new AtomicLong();
            client.request(new RequestOptions(target).setMethod(HttpMethod.GET))
                    .compose(HttpClientRequest::send)
                    .compose(response -> {
                        response.handler(chunk -> downloaded.addAndGet(chunk.length()));
                        return response.end();
                    })
                    .toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
            System.out.printf("uploaded=%s uploadedWithLength=%s downloaded=%d maxHeapMiB=%d%n", uploaded,
                    uploadedWithLength, downloaded.get(), Runtime.getRuntime().maxMemory() / (1024 * 1024));
            boolean whole = Long.parseLong(uploaded) == bytes && Long.parseLong(uploadedWithLength) == bytes;
            System.exit(whole && downloaded.get() == bytes ? 0 : 2);
        }
    }

    private static Future<String> upload(Vertx vertx, HttpClientRequest request, long bytes, boolean chunked) {
        if (chunked) {
            request.setChunked(true);
        } else {
            request.putHeader("Content-Length", Long.toString(bytes));
        }
        Future<String> answer = request.response().compose(response -> response.body().map(Buffer::toString));
        writeZeros(vertx, request, bytes).onSuccess(v -> request.end());
        return answer;
    }

    /** Writes {@code bytes} zero bytes, pausing whenever the stream's write queue is full. */
    private static Future<Void> writeZeros(Vertx vertx, WriteStream<Buffer> out, long bytes) {
        Promise<Void> done = Promise.promise();
        writeSome(out, bytes, done);
        return done.future();
    }

    private static void writeSome(WriteStream<Buffer> out, long remaining, Promise<Void> done) {
        long left = remaining;
        while (left > 0 && !out.writeQueueFull()) {
            int n = (int) Math.min(CHUNK.length(), left);
            out.write(n == CHUNK.length() ? CHUNK : CHUNK.getBuffer(0, n));
            left -= n;
        }
        if (left == 0) {
            done.complete();
            return;
        }
        long rest = left;
        out.drainHandler(v -> writeSome(out, rest, done));
    }
}
