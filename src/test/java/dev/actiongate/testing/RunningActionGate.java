package dev.actiongate.testing;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** ActionGate's HTTP server on a free loopback port, called over real HTTP. */
public final class RunningActionGate implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final EmbeddedServer server;

    public RunningActionGate(Map<String, Object> settings) {
        Map<String, Object> all = new LinkedHashMap<>(settings);
        all.put("micronaut.server.port", -1);
        server = ApplicationContext.run(EmbeddedServer.class, all, "test");
    }

    public URI uri(String path) {
        return server.getURI().resolve(path);
    }

    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    public HttpResponse<String> get(String path, String authorization) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", authorization).GET().build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
    }
}
