package dev.actiongate.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.actiongate.lambda.ActionGateFunction;
import io.micronaut.context.ApplicationContext;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Lambda handler fed API Gateway HTTP API (payload 2.0) events built the way API Gateway builds
 * them: lower-case headers, the raw query string next to parsed parameters joined with commas, form
 * bodies base64-encoded, the execute-api host and {@code x-forwarded-proto: https}, and a {@code Cookie} header
 * moved into the event's {@code cookies} array. An answer's cookies are those of the response's {@code cookies}
 * array and a {@code Set-Cookie} among its (single-value) headers, which API Gateway passes on; its
 * {@code multiValueHeaders}, which payload 2.0 does not have, are ignored as API Gateway ignores them.
 */
public final class LambdaTransport implements Transport {

    public static final String DOMAIN = "a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com";

    private final LambdaHandler handler;

    public LambdaTransport(Map<String, Object> settings) {
        handler = new LambdaHandler(settings);
    }

    /** The handler Lambda calls, for a test to prime it as SnapStart does. */
    public ActionGateFunction function() {
        return handler.function();
    }

    /** The handler itself, for a test that feeds it events as JSON. */
    public LambdaHandler handler() {
        return handler;
    }

    /** The handler's application context, for a test to read what ActionGate counted. */
    public ApplicationContext context() {
        return handler.function().getApplicationContext();
    }

    @Override
    public Answer get(String pathAndQuery, Map<String, String> headers) {
        return send("GET", pathAndQuery, headers, null);
    }

    @Override
    public Answer post(String path, Map<String, String> headers, String body) {
        return send("POST", path, headers, body);
    }

    @Override
    public Answer send(String method, String pathAndQuery, Map<String, String> headers, String body) {
        int question = pathAndQuery.indexOf('?');
        String path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
        String rawQuery = question < 0 ? "" : pathAndQuery.substring(question + 1);
        Map<String, String> eventHeaders = new LinkedHashMap<>();
        eventHeaders.put("host", DOMAIN);
        eventHeaders.put("x-forwarded-proto", "https");
        eventHeaders.put("x-forwarded-for", "203.0.113.7");
        List<String> cookies = new ArrayList<>();
        headers.forEach((name, value) -> {
            if (name.equalsIgnoreCase("cookie")) {
                // Payload 2.0: "Duplicate headers are combined with commas ... Cookies are in the cookies field."
                for (String pair : value.split(";")) {
                    if (!pair.isBlank()) {
                        cookies.add(pair.trim());
                    }
                }
            } else {
                eventHeaders.put(name.toLowerCase(Locale.ROOT), value);
            }
        });
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(path)
                .withRawQueryString(rawQuery)
                .withQueryStringParameters(rawQuery.isEmpty() ? null : parsedLikeApiGateway(rawQuery))
                .withHeaders(eventHeaders)
                .withCookies(cookies.isEmpty() ? null : cookies)
                .withBody(body == null ? null : Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)))
                .withIsBase64Encoded(body != null)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withDomainName(DOMAIN)
                        .withStage("$default")
                        .withRouteKey("$default")
                        .withRequestId("test-request")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method).withPath(path).withProtocol("HTTP/1.1").withSourceIp("203.0.113.7").build())
                        .build())
                .build();
        APIGatewayV2HTTPResponse response = handler.invoke(event);
        Map<String, String> answerHeaders = new TreeMap<>();
        List<String> setCookies = new ArrayList<>(response.getCookies() == null ? List.of() : response.getCookies());
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> {
                if (name.equalsIgnoreCase("set-cookie")) {
                    setCookies.add(value);
                } else {
                    answerHeaders.put(name.toLowerCase(Locale.ROOT), value);
                }
            });
        }
        String answerBody = response.getBody() == null ? "" : response.getIsBase64Encoded()
                ? new String(Base64.getDecoder().decode(response.getBody()), StandardCharsets.UTF_8) : response.getBody();
        return new Answer(response.getStatusCode(), answerHeaders, answerBody, setCookies);
    }

    /** API Gateway decodes each value and joins repeated names with a comma; what it cannot decode it passes on as sent. */
    private static Map<String, String> parsedLikeApiGateway(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = decoded(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decoded(pair.substring(equals + 1));
            parameters.merge(name, value, (first, second) -> first + "," + second);
        }
        return parameters;
    }

    private static String decoded(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    @Override
    public void close() {
        handler.close();
    }
}
