package dev.actiongate.web;

import java.time.Duration;
import java.util.Optional;

/**
 * An operation's answer when it cannot do what was asked: a code of the {@link ErrorCode} catalogue, one
 * sentence the assistant can read to the person, a wait before retrying where one is known, and for a
 * refused token the {@code WWW-Authenticate} challenge (RFC 6750 §3). It knows nothing of HTTP, so the
 * operations can throw it; {@link ApiAnswers} writes it as an answer.
 */
public final class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final Duration retryAfter;
    private final String challenge;

    ApiException(ErrorCode code, String sentence) {
        this(code, sentence, null, null);
    }

    private ApiException(ErrorCode code, String sentence, Duration retryAfter, String challenge) {
        super(sentence, null, false, false);
        this.code = code;
        this.retryAfter = retryAfter;
        this.challenge = challenge;
    }

    /** The same refusal, telling the caller how long to wait before trying again. */
    public ApiException retryAfter(Duration wait) {
        return new ApiException(code, getMessage(), wait, challenge);
    }

    /** The same refusal with a {@code WWW-Authenticate} challenge. */
    public ApiException challenge(String value) {
        return new ApiException(code, getMessage(), retryAfter, value);
    }

    public ErrorCode code() {
        return code;
    }

    public int status() {
        return code.status();
    }

    public ApiError body() {
        return new ApiError(code.code(), getMessage());
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public Optional<String> challenge() {
        return Optional.ofNullable(challenge);
    }
}
