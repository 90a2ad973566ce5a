package dev.actiongate.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A loopback HTTP server in front of a {@link Transport}, playing API Gateway's part for a client that
 * only speaks HTTP (the MCP SDK's client): each request it receives becomes one call of the transport,
 * so the Lambda handler can be reached at a URL.
 */
public final class HttpFront implements AutoCloseable {

    /** Headers of the hop to this server, which API Gateway does not pass on. */
    private static final Set<String> HOP_BY_HOP = Set.of("host", "connection", "content-length", "transfer-encoding", "upgrade",
            "http2-settings", "keep-alive");

    private final HttpServer server;

    public HttpFront(Transport behind) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> forward(behind, exchange));
        server.start();
    }

    /** The root URL, e.g. {@code http://127.0.0.1:40123}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void forward(Transport behind, HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (!HOP_BY_HOP.contains(lower)) {
                    headers.put(lower, String.join(",", values));
                }
            });
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            URI uri = exchange.getRequestURI();
            String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            Transport.Answer answer = behind.send(exchange.getRequestMethod(), pathAndQuery, headers,
                    bytes.length == 0 ? null : new String(bytes, StandardCharsets.UTF_8));
            answer.headers().forEach((name, value) -> {
                if (!HOP_BY_HOP.contains(name)) {
                    exchange.getResponseHeaders().add(name, value);
                }
            });
            answer.cookies().forEach(cookie -> exchange.getResponseHeaders().add("Set-Cookie", cookie));
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
