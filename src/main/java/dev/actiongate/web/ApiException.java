package dev.actiongate.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

import java.time.Duration;
import java.util.Optional;

/**
 * An operation's answer when it cannot do what was asked: the status, a stable error code and one
 * sentence the GPT can read to the person; a wait before retrying where one is known.
 */
public final class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String error;
    private final Duration retryAfter;

    public ApiException(HttpStatus status, String error, String message) {
        this(status, error, message, null);
    }

    public ApiException(HttpStatus status, String error, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
        this.retryAfter = retryAfter;
    }

    public HttpStatus status() {
        return status;
    }

    public ApiError body() {
        return new ApiError(error, getMessage());
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The answer: status, JSON body and {@code Retry-After} in whole seconds, rounded up. */
    public MutableHttpResponse<ApiError> toResponse() {
        MutableHttpResponse<ApiError> response = HttpResponse.<ApiError>status(status).body(body());
        retryAfter().ifPresent(wait -> response.header(HttpHeaders.RETRY_AFTER,
                Long.toString(Math.max(1, wait.toSeconds() + (wait.toMillisPart() > 0 ? 1 : 0)))));
        return response;
    }
}
