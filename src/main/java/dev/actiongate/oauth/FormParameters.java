package dev.actiongate.oauth;

import dev.actiongate.web.OAuthProblem;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Parameters of a raw query string or form body, decoded exactly once. Read raw because API Gateway's
 * parsed query parameters arrive split on commas, which would change a GPT's {@code state}.
 */
final class FormParameters {

    static final int MAX_LENGTH = 16 * 1024;

    private final Map<String, String> values;

    private FormParameters(Map<String, String> values) {
        this.values = values;
    }

    /** RFC 6749 §3.1: a parameter sent twice is an invalid request, as is anything undecodable. */
    static FormParameters parse(String raw) throws OAuthProblem {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return new FormParameters(values);
        }
        if (raw.length() > MAX_LENGTH) {
            throw OAuthProblem.invalidRequest("The request is too large.");
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (values.putIfAbsent(name, value) != null) {
                throw OAuthProblem.invalidRequest("The parameter " + printable(name) + " was sent more than once.");
            }
        }
        return new FormParameters(values);
    }

    static FormParameters of(Map<String, String> values) {
        return new FormParameters(new LinkedHashMap<>(values));
    }

    /** A parameter that is absent or empty is treated as absent (RFC 6749 §3.1). */
    Optional<String> get(String name) {
        String value = values.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    String require(String name) throws OAuthProblem {
        return get(name).orElseThrow(() -> OAuthProblem.invalidRequest("The parameter " + name + " is missing."));
    }

    private static String decode(String text) throws OAuthProblem {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OAuthProblem.invalidRequest("The request is not correctly URL-encoded.");
        }
    }

    private static String printable(String name) {
        return name.matches("[A-Za-z0-9_.-]{1,40}") ? name : "(unnamed)";
    }
}
