package dev.actiongate.testing;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The local server over real HTTP on loopback. */
public final class HttpTransport implements Transport {

    private final RunningActionGate server;

    public HttpTransport(Map<String, Object> settings) {
        server = new RunningActionGate(settings);
    }

    public RunningActionGate server() {
        return server;
    }

    @Override
    public Answer get(String pathAndQuery, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(pathAndQuery)).GET();
        headers.forEach(request::header);
        return answer(server.send(request.build()));
    }

    @Override
    public Answer post(String path, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return answer(server.send(request.build()));
    }

    @Override
    public Answer send(String method, String pathAndQuery, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return answer(server.send(request.build()));
    }

    private static Answer answer(HttpResponse<String> response) {
        Map<String, String> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        return new Answer(response.statusCode(), headers, response.body(), response.headers().allValues("set-cookie"));
    }

    @Override
    public void close() {
        server.close();
    }
}
