package dev.wisp.platform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The CLI's client of a running {@code wisp up}: sends requests to its API and turns failures into
 * one-line {@link CliException}s carrying the server's message.
 */
final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiClient(String server) {
        this.server = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
    }

    JsonNode get(String path) {
        return json(send(HttpRequest.newBuilder(uri(path)).GET().header("Accept", "application/json")));
    }

    String getText(String path, String accept) {
        return send(HttpRequest.newBuilder(uri(path)).GET().header("Accept", accept)).body();
    }

    /** GET that answers null for 404 instead of failing. */
    JsonNode find(String path) {
        HttpResponse<String> response = raw(HttpRequest.newBuilder(uri(path)).GET().header("Accept", "application/json"));
        if (response.statusCode() == 404) {
            return null;
        }
        return json(check(response));
    }

    JsonNode post(String path, String body, String contentType) {
        return json(send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))));
    }

    JsonNode delete(String path) {
        return json(send(HttpRequest.newBuilder(uri(path)).DELETE().header("Accept", "application/json")));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return check(raw(request));
    }

    private HttpResponse<String> raw(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new CliException("cannot reach wisp at " + server + " (is `wisp up` running? set --server or WISP_SERVER)");
        } catch (IOException e) {
            throw new CliException("request to " + server + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }

    private HttpResponse<String> check(HttpResponse<String> response) {
        if (response.statusCode() >= 400) {
            throw new CliException(messageOf(response));
        }
        return response;
    }

    private static String messageOf(HttpResponse<String> response) {
        try {
            JsonNode status = JSON.readTree(response.body());
            if (status.hasNonNull("message")) {
                return status.get("message").asText();
            }
        } catch (IOException e) {
            // not a Status object: fall through to the raw body
        }
        return "HTTP " + response.statusCode() + ": " + response.body().strip();
    }

    private URI uri(String path) {
        return URI.create(server + path);
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new CliException("the server answered something that is not JSON: " + e.getMessage());
        }
    }
}
