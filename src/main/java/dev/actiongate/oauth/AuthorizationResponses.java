package dev.actiongate.oauth;

import dev.actiongate.web.BrowserAnswers;
import dev.actiongate.web.OAuthProblem;
import dev.actiongate.web.PublicBaseUrl;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every authorization response the bridge sends a client, success or error: to its redirect URI, with its
 * state, and with {@code iss}, so the client can tell which authorization server answered (RFC 9207 §2).
 */
@Singleton
final class AuthorizationResponses {

    private final BrowserAnswers answers;
    private final PublicBaseUrl baseUrl;

    AuthorizationResponses(BrowserAnswers answers, PublicBaseUrl baseUrl) {
        this.answers = answers;
        this.baseUrl = baseUrl;
    }

    MutableHttpResponse<String> code(HttpRequest<?> request, AuthorizationRequest asked, String code) {
        Map<String, String> back = new LinkedHashMap<>();
        back.put("code", code);
        return send(request, asked.redirectUri(), back, asked.state());
    }

    /** RFC 6749 §4.1.2.1. */
    MutableHttpResponse<String> error(HttpRequest<?> request, String redirectUri, OAuthProblem problem, String state) {
        return error(request, redirectUri, problem.error(), problem.description(), state);
    }

    MutableHttpResponse<String> error(HttpRequest<?> request, String redirectUri, String error, String description, String state) {
        Map<String, String> back = new LinkedHashMap<>();
        back.put("error", error);
        back.put("error_description", description);
        return send(request, redirectUri, back, state);
    }

    private MutableHttpResponse<String> send(HttpRequest<?> request, String redirectUri, Map<String, String> back, String state) {
        if (state != null) {
            back.put("state", state);
        }
        // RFC 9207 §2: iss is the issuer of the authorization server metadata, here the public base URL.
        back.put("iss", baseUrl.of(request));
        return answers.redirect(redirectUri, back);
    }
}
