package dev.actiongate.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Requests sent through the live handler before a SnapStart snapshot, so the snapshot holds loaded
 * and initialised classes for the first real request: routing, serialization, the token checks and
 * both functions' error answers, on both faces. None reaches the network: the token cannot verify, the client
 * credentials are wrong, so no identity provider, GitHub or DynamoDB call is made.
 */
final class Priming {

    /**
     * A header and payload that parse as a JWT and an invalid signature: the full check runs and refuses
     * it. Its typ passes under either actiongate.idp.token-type, so the signature check is reached.
     */
    private static final String UNVERIFIABLE_TOKEN = base64("{\"alg\":\"RS256\",\"typ\":\"at+jwt\"}") + "."
            + base64("{\"iss\":\"priming\",\"sub\":\"priming\",\"aud\":\"priming\",\"exp\":4102444800}") + ".c2lnbmF0dXJl";

    private static final int ROUNDS = 50;

    private Priming() {
    }

    /** @return the status each priming request got */
    static List<Integer> run(BiFunction<APIGatewayV2HTTPEvent, Context, APIGatewayV2HTTPResponse> handler) {
        List<APIGatewayV2HTTPEvent> events = List.of(
                event("GET", "/openapi.json", "", Map.of(), null),
                event("GET", "/.well-known/oauth-protected-resource", "", Map.of(), null),
                event("GET", "/api/me", "", Map.of("authorization", "Bearer " + UNVERIFIABLE_TOKEN), null),
                event("POST", "/mcp", "", Map.of("authorization", "Bearer " + UNVERIFIABLE_TOKEN, "content-type", "application/json",
                        "accept", "application/json, text/event-stream"), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"),
                event("GET", "/.well-known/oauth-protected-resource/mcp", "", Map.of(), null),
                event("GET", "/.well-known/oauth-authorization-server", "", Map.of(), null),
                event("GET", "/authorize", "response_type=code&client_id=priming&state=priming", Map.of("accept", "application/json"), null),
                event("POST", "/token", "", Map.of("content-type", "application/x-www-form-urlencoded"),
                        "grant_type=authorization_code&code=priming&client_id=priming&client_secret=priming"),
                event("POST", "/register", "", Map.of("content-type", "application/json"), "{\"client_name\":\"priming\"}"),
                event("POST", "/authorize/consent", "", Map.of("content-type", "application/x-www-form-urlencoded", "accept", "text/html"),
                        "ticket=priming&decision=approve"));
        // Repeated so the JIT compiles these paths before the snapshot: with SnapStart, Lambda's java25
        // runtime compiles with C1 and C2, and code compiled now is code a restored copy need not compile.
        for (int round = 1; round < ROUNDS; round++) {
            statuses(handler, events);
        }
        return statuses(handler, events);
    }

    private static List<Integer> statuses(BiFunction<APIGatewayV2HTTPEvent, Context, APIGatewayV2HTTPResponse> handler,
                                          List<APIGatewayV2HTTPEvent> events) {
        return events.stream().map(event -> {
            try {
                return handler.apply(event, InvocationContext.priming()).getStatusCode();
            } catch (RuntimeException e) {
                return 500;
            }
        }).toList();
    }

    private static APIGatewayV2HTTPEvent event(String method, String path, String query, Map<String, String> headers, String body) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("host", "priming.invalid");
        all.put("x-forwarded-proto", "https");
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0").withRouteKey("$default").withRawPath(path).withRawQueryString(query).withHeaders(all)
                .withBody(body == null ? null : Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)))
                .withIsBase64Encoded(body != null)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withStage("$default").withRequestId("priming")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path)
                                .withProtocol("HTTP/1.1").withSourceIp("127.0.0.1").build())
                        .build())
                .build();
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
