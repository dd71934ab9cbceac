package dev.wisp.eventing.receiver;

import io.cloudevents.CloudEvent;
import io.cloudevents.http.vertx.VertxMessageFactory;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a CloudEvent from an HTTP request's headers and body, binary or structured mode, with the
 * CloudEvents SDK, after percent-decoding {@code ce-} headers; rejects what the spec forbids.
 */
public final class IncomingEvents {

    private IncomingEvents() {
    }

    public static CloudEvent parse(MultiMap headers, Buffer body) throws InvalidEventException {
        CloudEvent event;
        try {
            event = VertxMessageFactory.createReader(decodedHeaders(headers), body).toEvent();
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("invalid CloudEvent: " + oneLine(e.getMessage()));
        } catch (RuntimeException e) {
            throw new InvalidEventException("invalid CloudEvent: " + oneLine(rootMessage(e)));
        }
        requireNonEmpty("id", event.getId());
        requireNonEmpty("type", event.getType());
        requireNonEmpty("source", event.getSource() == null ? null : event.getSource().toString());
        return event;
    }

    private static MultiMap decodedHeaders(MultiMap headers) {
        MultiMap decoded = MultiMap.caseInsensitiveMultiMap();
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey();
            boolean attribute = name.toLowerCase(Locale.ROOT).startsWith("ce-");
            try {
                decoded.add(name, attribute ? PercentEncoding.decode(header.getValue()) : header.getValue());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("header " + name + ": " + e.getMessage());
            }
        }
        return decoded;
    }

    private static void requireNonEmpty(String attribute, String value) throws InvalidEventException {
        if (value == null || value.isEmpty()) {
            throw new InvalidEventException("invalid CloudEvent: attribute '" + attribute + "' must not be empty");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() != null ? t.getMessage() : e.getMessage();
        return message != null ? message : e.getClass().getSimpleName();
    }

    private static String oneLine(String message) {
        String text = message == null ? "unreadable" : message;
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
