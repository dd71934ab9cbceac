package dev.wisp.activator;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One raw HTTP/1.x client connection over a loopback socket: writes bytes as given and parses
 * each response itself (status line, headers, body by Content-Length, chunked with trailers, or
 * to EOF), so no client library hides what the server really sent.
 */
final class RawHttp implements AutoCloseable {

    static final int TIMEOUT_MILLIS = 10_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawHttp(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** One header line as received. */
    record Header(String name, String value) {
    }

    /** One parsed response: what the server sent, headers and trailers in their order. */
    record Response(String version, int status, List<Header> headers, byte[] body, List<Header> trailers) {

        /** The first value of header {@code name} (any case), or null. */
        String header(String name) {
            return first(headers, name);
        }

        /** The first value of trailer {@code name} (any case), or null. */
        String trailer(String name) {
            return first(trailers, name);
        }

        boolean has(String name) {
            return header(name) != null;
        }

        String bodyText() {
            return new String(body, StandardCharsets.ISO_8859_1);
        }

        private static String first(List<Header> headers, String name) {
            return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value)
                    .findFirst().orElse(null);
        }
    }

    /** Writes {@code text} (ISO-8859-1) in one write and flushes it. */
    RawHttp send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawHttp send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Reads exactly {@code count} bytes: what an upgraded connection carries. */
    byte[] readBytes(int count) throws IOException {
        byte[] bytes = in.readNBytes(count);
        if (bytes.length != count) {
            throw new IOException("connection closed after " + bytes.length + " of " + count + " bytes");
        }
        return bytes;
    }

    /** Reads one response to a request that was not HEAD. */
    Response read() throws IOException {
        return read(false);
    }

    /** Reads one response; a response to HEAD, a 1xx, 204 or 304 has no body whatever its headers say. */
    Response read(boolean toHead) throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new IOException("connection closed before a status line");
        }
        String[] parts = statusLine.split(" ", 3);
        int status = Integer.parseInt(parts[1]);
        List<Header> headers = headerBlock();
        Response head = new Response(parts[0], status, headers, new byte[0], List.of());
        if (toHead || status < 200 || status == 204 || status == 304) {
            return head;
        }
        String encoding = head.header("transfer-encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            List<Header> trailers = chunks(body);
            return new Response(parts[0], status, headers, body.toByteArray(), trailers);
        }
        String length = head.header("content-length");
        byte[] body = length != null ? in.readNBytes(Integer.parseInt(length.trim())) : in.readAllBytes();
        return new Response(parts[0], status, headers, body, List.of());
    }

    /** Whether the server closed the connection: the next read sees EOF (or a reset) within the timeout. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }

    private List<Header> chunks(ByteArrayOutputStream body) throws IOException {
        while (true) {
            String sizeLine = line();
            if (sizeLine == null) {
                throw new IOException("connection closed inside a chunked body");
            }
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                return headerBlock();
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length != size) {
                throw new IOException("connection closed inside a chunk");
            }
            body.write(chunk);
            line(); // the CRLF after the chunk
        }
    }

    private List<Header> headerBlock() throws IOException {
        List<Header> headers = new ArrayList<>();
        for (String line = line(); line != null && !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.add(new Header(line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
        }
        return headers;
    }

    /** One line without its CRLF, or null at EOF before any byte. */
    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
