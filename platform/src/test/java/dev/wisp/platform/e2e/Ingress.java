package dev.wisp.platform.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Sends requests to Wisp's ingress with a service's Host header, as curl to {@code hello.default.localhost} would. */
final class Ingress {
    static {
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }

    // HTTP/1.1: over HTTP/2 the JDK client would send a Host header that differs from :authority,
    // which servers must refuse; curl and browsers reach *.localhost names directly instead.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final int port;

    Ingress(int port) {
        this.port = port;
    }

    HttpResponse<String> get(String host, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Host", host).timeout(Duration.ofSeconds(90)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpClient client() {
        return http;
    }

    HttpRequest request(String host, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Host", host).timeout(Duration.ofSeconds(90)).GET().build();
    }
}
