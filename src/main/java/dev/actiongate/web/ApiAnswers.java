package dev.actiongate.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

import java.time.Duration;

/**
 * The one writer of API error answers: the status of the refusal's code, the {@code {"error","message"}}
 * body, {@code Retry-After} in whole seconds (RFC 9110 §10.2.3, rounded up so a client never retries
 * early) and the {@code WWW-Authenticate} challenge of a refused token (RFC 6750 §3).
 */
public final class ApiAnswers {

    private ApiAnswers() {
    }

    public static MutableHttpResponse<ApiError> of(ApiException refusal) {
        MutableHttpResponse<ApiError> response = HttpResponse.<ApiError>status(HttpStatus.valueOf(refusal.status()))
                .body(refusal.body());
        refusal.retryAfter().ifPresent(wait -> response.header(HttpHeaders.RETRY_AFTER, seconds(wait)));
        refusal.challenge().ifPresent(challenge -> response.header(HttpHeaders.WWW_AUTHENTICATE, challenge));
        return response;
    }

    static String seconds(Duration wait) {
        return Long.toString(Math.max(1, wait.toSeconds() + (wait.toMillisPart() > 0 ? 1 : 0)));
    }
}
