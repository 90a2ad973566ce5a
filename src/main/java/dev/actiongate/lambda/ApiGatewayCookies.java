package dev.actiongate.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cookies across API Gateway's payload 2.0, which moves them out of the headers both ways: a request's
 * {@code Cookie} header arrives as the event's {@code cookies} array, and a response's cookies must leave in
 * the response's {@code cookies} array, since the format has no repeated headers (AWS, "Working with AWS
 * Lambda proxy integrations for HTTP APIs", payload format 2.0). The Micronaut adapter reads cookies only
 * from the {@code Cookie} header and writes each header once, so two {@code Set-Cookie} would lose one.
 */
final class ApiGatewayCookies {

    private static final String SET_COOKIE = "set-cookie";

    private ApiGatewayCookies() {
    }

    /** The event with its cookies in a {@code Cookie} header, where the adapter reads them. */
    static APIGatewayV2HTTPEvent inCookieHeader(APIGatewayV2HTTPEvent event) {
        List<String> cookies = event.getCookies();
        if (cookies == null || cookies.isEmpty()) {
            return event;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String sent = null;
        if (event.getHeaders() != null) {
            for (Map.Entry<String, String> header : event.getHeaders().entrySet()) {
                if (header.getKey() != null && header.getKey().equalsIgnoreCase("cookie")) {
                    sent = header.getValue();
                } else {
                    headers.put(header.getKey(), header.getValue());
                }
            }
        }
        // RFC 6265 §5.4: one Cookie header, the pairs separated by "; ".
        String joined = String.join("; ", cookies);
        headers.put("cookie", sent == null || sent.isEmpty() ? joined : sent + "; " + joined);
        event.setHeaders(headers);
        return event;
    }

    /** The response with every {@code Set-Cookie} the adapter kept moved to the {@code cookies} array. */
    static APIGatewayV2HTTPResponse inCookiesArray(APIGatewayV2HTTPResponse response) {
        List<String> cookies = new ArrayList<>(response.getCookies() == null ? List.of() : response.getCookies());
        boolean kept = false;
        if (response.getMultiValueHeaders() != null) {
            Map<String, List<String>> multi = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> header : response.getMultiValueHeaders().entrySet()) {
                if (SET_COOKIE.equalsIgnoreCase(header.getKey())) {
                    cookies.addAll(header.getValue());
                    kept = true;
                } else {
                    multi.put(header.getKey(), header.getValue());
                }
            }
            response.setMultiValueHeaders(multi);
        }
        if (response.getHeaders() != null) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (Map.Entry<String, String> header : response.getHeaders().entrySet()) {
                if (!SET_COOKIE.equalsIgnoreCase(header.getKey())) {
                    headers.put(header.getKey(), header.getValue());
                } else if (!kept) {
                    // Otherwise the one value the single-value map kept is among the multi-value ones already.
                    cookies.add(header.getValue());
                }
            }
            response.setHeaders(headers);
        }
        if (!cookies.isEmpty()) {
            response.setCookies(cookies);
        }
        return response;
    }
}
