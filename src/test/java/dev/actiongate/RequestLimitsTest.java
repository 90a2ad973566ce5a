package dev.actiongate;

import dev.actiongate.testing.ChatGptAndBrowser;
import dev.actiongate.testing.Gates;
import dev.actiongate.testing.HttpTransport;
import dev.actiongate.testing.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The request limits, as a client meets them on the local server and through the Lambda handler:
 * 16 KB for a /token body, 1 MB for an /api body, 16 KB for a bearer token, and on the local server
 * 32 KB of headers. Each refusal is prompt and says what was too large, in JSON, without a stack trace.
 */
class RequestLimitsTest {

    private static final String DISPATCH = "/api/workflows/deploy.yml/dispatches";

    @RegisterExtension
    static final Gates gates = Gates.withProvider().with("actiongate.github.repositories", "acme/web");

    private final HttpTransport http = gates.http();

    static Stream<String> transports() {
        return Stream.of("local server", "Lambda handler");
    }

    private Transport gate(String transport) {
        return transport.equals("local server") ? http : gates.lambda();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void aTokenBodyOver16KbIs413InvalidRequest(String transport) {
        Transport.Answer answer = gate(transport).post("/token", Map.of("content-type", "application/x-www-form-urlencoded"),
                "grant_type=refresh_token&refresh_token=" + "r".repeat(100_000));

        assertOAuthTooLarge(answer);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void anApiBodyOver1MbIs413RequestTooLarge(String transport) {
        Transport.Answer answer = gate(transport).post(DISPATCH, apiHeaders(), dispatchBody(2 * 1024 * 1024));

        assertApiError(answer, 413, "request_too_large", "larger than the 1 MB ActionGate accepts");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void anApiBodyUnder1MbIsRead(String transport) {
        Transport.Answer answer = gate(transport).post(DISPATCH, apiHeaders(), dispatchBody(900 * 1024));

        assertNotEquals(413, answer.status(), answer.body());
        assertApiError(answer, 503, "github_not_configured", "GitHub is not connected");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void aBearerTokenOver16KbIs401InvalidTokenWithoutBeingParsed(String transport) {
        Transport.Answer answer = gate(transport).get("/api/me", Map.of("authorization", "Bearer " + "e".repeat(20_000)));

        assertEquals(401, answer.status(), answer.body());
        assertEquals("Bearer error=\"invalid_token\", error_description=\"The bearer token is longer than any token ActionGate accepts\"",
                answer.header("www-authenticate"));
        assertApiError(answer, 401, "invalid_token", "Please sign in again");
    }

    @Test
    void aChunkedTokenBodyOver16KbIsStoppedWhileReading() {
        HttpResponse<String> response = http.server().send(HttpRequest.newBuilder(http.server().uri("/token"))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(chunked("grant_type=refresh_token&refresh_token=" + "r".repeat(100_000))).build());

        assertOAuthTooLarge(new Transport.Answer(response.statusCode(), Map.of("cache-control",
                response.headers().firstValue("cache-control").orElse("")), response.body()));
    }

    @Test
    void aChunkedApiBodyOver1MbIsStoppedWhileReading() {
        HttpResponse<String> response = http.server().send(HttpRequest.newBuilder(http.server().uri(DISPATCH))
                .header("content-type", "application/json").header("authorization", apiHeaders().get("authorization"))
                .POST(chunked(dispatchBody(2 * 1024 * 1024))).build());

        assertApiError(new Transport.Answer(response.statusCode(), Map.of(), response.body()), 413, "request_too_large", "1 MB");
    }

    @Test
    void headersOver32KbAre431OnTheLocalServer() {
        Transport.Answer answer = http.get("/api/me", Map.of("authorization", "Bearer " + "e".repeat(40_000)));

        assertApiError(answer, 431, "headers_too_large", "headers are larger than ActionGate accepts");
    }

    @Test
    void anAddressOver4KbIs414OnTheLocalServer() {
        Transport.Answer answer = http.get("/api/runs?repo=" + "a".repeat(5_000));

        assertApiError(answer, 414, "uri_too_long", "address is longer than ActionGate accepts");
    }

    private static Map<String, String> apiHeaders() {
        return Map.of("content-type", "application/json", "authorization", "Bearer " + gates.provider().accessToken("carol", "workflows:trigger"));
    }

    /** A dispatch request of about {@code size} bytes, its bulk in one input's value. */
    private static String dispatchBody(int size) {
        return "{\"repo\":\"acme/web\",\"ref\":\"main\",\"inputs\":{\"notes\":\"" + "n".repeat(size) + "\"}}";
    }

    /** A body without Content-Length, sent in chunks, so only reading it shows its size. */
    private static HttpRequest.BodyPublisher chunked(String body) {
        return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertOAuthTooLarge(Transport.Answer answer) {
        assertEquals(413, answer.status(), answer.body());
        assertEquals(Map.of("error", "invalid_request", "error_description",
                "The request body is larger than the 16 KB ActionGate accepts at /token."), ChatGptAndBrowser.json(answer));
        assertEquals("no-store", answer.header("cache-control"));
    }

    private static void assertApiError(Transport.Answer answer, int status, String error, String sentencePart) {
        assertEquals(status, answer.status(), answer.body());
        Map<String, Object> body = ChatGptAndBrowser.json(answer);
        assertEquals(error, body.get("error"), answer.body());
        assertTrue(((String) body.get("message")).contains(sentencePart), answer.body());
        assertFalse(answer.body().contains("Exception") || answer.body().contains("\tat "), answer.body());
    }
}
