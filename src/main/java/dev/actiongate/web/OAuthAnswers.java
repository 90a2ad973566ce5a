package dev.actiongate.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one writer of the token endpoint's answers, successes and refusals alike: JSON (never HTML, which
 * ChatGPT cannot read there), {@code Cache-Control: no-store} and {@code Pragma: no-cache} (RFC 6749 §5.1),
 * and for {@code invalid_client} the {@code WWW-Authenticate} challenge of the scheme the client may use
 * (RFC 6749 §5.2).
 */
@Singleton
public final class OAuthAnswers {

    private final ObjectMapper json;

    OAuthAnswers(ObjectMapper json) {
        this.json = json;
    }

    public MutableHttpResponse<String> token(int status, String body) {
        MutableHttpResponse<String> response = HttpResponse.<String>status(HttpStatus.valueOf(status))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .body(body);
        if (status == HttpStatus.UNAUTHORIZED.getCode()) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"ActionGate\"");
        }
        return response;
    }

    /** The RFC 6749 §5.2 body of a refusal. */
    public String body(OAuthProblem problem) {
        return write(problem.body());
    }

    /** Any answer value as JSON, e.g. a successful token response. */
    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
