package dev.wisp.activator;

import dev.wisp.api.dataplane.Endpoint;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A revision instance on a raw loopback socket server that writes exactly the bytes a test scripts:
 * it reads each request (head, then a Content-Length or chunked body), hands it to the script with
 * the socket, and counts the connections it accepted and the requests it read.
 */
final class ScriptedInstance {

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");

    /** One request received: its connection (from 1), its index on that connection (from 0), head and raw body. */
    record Request(int connection, int index, String head, String body) {
        String path() {
            return head.split(" ", 3)[1];
        }
    }

    /** What the instance writes back for one request. */
    interface Script {
        void answer(NetSocket socket, Request request);
    }

    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    private final Vertx vertx;
    private NetServer server;

    private ScriptedInstance(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Starts an instance on 127.0.0.1 and a free port whose requests {@code script} answers. */
    static ScriptedInstance start(Vertx vertx, Script script) throws Exception {
        ScriptedInstance instance = new ScriptedInstance(vertx);
        instance.server = vertx.createNetServer().connectHandler(socket -> instance.serve(socket, script));
        instance.server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return instance;
    }

    Endpoint endpoint() {
        return new Endpoint("scripted", "127.0.0.1", server.actualPort());
    }

    /** The bytes of {@code text}, one per char (ISO-8859-1), so obs-text goes out as written. */
    static Buffer bytes(String text) {
        return Buffer.buffer(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Writes {@code text} from {@code from} in 7-byte pieces, one every 3 ms. */
    void drip(NetSocket socket, String text, int from) {
        int to = Math.min(text.length(), from + 7);
        socket.write(bytes(text.substring(from, to)));
        if (to < text.length()) {
            vertx.setTimer(3, t -> drip(socket, text, to));
        }
    }

    /** Writes {@code body} from {@code offset} in 64 KiB pieces, each once the previous one was written. */
    static void writePieces(NetSocket socket, byte[] body, int offset) {
        if (offset < body.length) {
            int to = Math.min(body.length, offset + (64 << 10));
            socket.write(Buffer.buffer(Arrays.copyOfRange(body, offset, to))).onSuccess(v -> writePieces(socket, body, to));
        }
    }

    private void serve(NetSocket socket, Script script) {
        int connection = connections.incrementAndGet();
        AtomicInteger index = new AtomicInteger();
        Buffer[] pending = {Buffer.buffer()};
        socket.handler(received -> {
            pending[0].appendBuffer(received);
            for (Request request = next(pending, connection, index); request != null;
                    request = next(pending, connection, index)) {
                requests.incrementAndGet();
                script.answer(socket, request);
            }
        });
    }

    /** Takes the first whole request out of {@code pending[0]}, or null while it is incomplete. */
    private static Request next(Buffer[] pending, int connection, AtomicInteger index) {
        String text = pending[0].toString(StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return null;
        }
        String head = text.substring(0, headEnd + 4);
        int end;
        if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
            int last = text.indexOf("\r\n0\r\n\r\n", headEnd);
            end = last < 0 ? -1 : last + 7;
        } else {
            Matcher length = CONTENT_LENGTH.matcher(head);
            end = head.length() + (length.find() ? Integer.parseInt(length.group(1)) : 0);
        }
        if (end < 0 || end > text.length()) {
            return null;
        }
        pending[0] = pending[0].getBuffer(end, pending[0].length());
        return new Request(connection, index.getAndIncrement(), head, text.substring(head.length(), end));
    }
}
