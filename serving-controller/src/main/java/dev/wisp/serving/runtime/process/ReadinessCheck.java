package dev.wisp.serving.runtime.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * One readiness probe of a {@link ProbeTarget}: a TCP connect, or an HTTP/1.1 GET whose status
 * must be 2xx or 3xx. Connects time out quickly because targets are local.
 */
public final class ReadinessCheck {

    private static final int CONNECT_TIMEOUT_MILLIS = 200;

    private ReadinessCheck() {
    }

    /** Whether the target answers as ready now; any error means not ready. */
    public static boolean isReady(ProbeTarget target) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target.host(), target.port()), connectTimeout(target.timeout()));
            if (target.kind() == ProbeTarget.Kind.TCP) {
                return true;
            }
            socket.setSoTimeout((int) target.timeout().toMillis());
            return isReadyStatus(httpStatus(socket, target));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Whether an HTTP status means ready, as Kubernetes decides it. */
    public static boolean isReadyStatus(int status) {
        return status >= 200 && status < 400;
    }

    private static int httpStatus(Socket socket, ProbeTarget target) throws IOException {
        StringBuilder request = new StringBuilder()
                .append("GET ").append(target.path()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(target.host()).append(':').append(target.port()).append("\r\n")
                .append("User-Agent: wisp-probe\r\n")
                .append("Accept: */*\r\n")
                .append("Connection: close\r\n");
        for (Map.Entry<String, String> header : target.headers().entrySet()) {
            request.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        request.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        String statusLine = in.readLine();
        if (statusLine == null) {
            return -1;
        }
        String[] parts = statusLine.split(" ", 3);
        return parts.length >= 2 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1].trim()) : -1;
    }

    private static int connectTimeout(Duration probeTimeout) {
        return (int) Math.max(1, Math.min(CONNECT_TIMEOUT_MILLIS, probeTimeout.toMillis()));
    }
}
