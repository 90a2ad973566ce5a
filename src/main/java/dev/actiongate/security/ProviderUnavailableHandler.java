package dev.actiongate.security;

import dev.actiongate.upstream.IdentityProviderUnavailableException;
import dev.actiongate.web.ApiAnswers;
import dev.actiongate.web.ApiError;
import dev.actiongate.web.ErrorCode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * A token that cannot be checked because the identity provider's keys cannot be read: 503, since
 * nothing is known to be wrong with the token, and a 401 would send the person to sign in again.
 */
@Singleton
final class ProviderUnavailableHandler implements ExceptionHandler<IdentityProviderUnavailableException, MutableHttpResponse<ApiError>> {

    @Override
    public MutableHttpResponse<ApiError> handle(HttpRequest request, IdentityProviderUnavailableException exception) {
        return ApiAnswers.of(ErrorCode.IDENTITY_PROVIDER_UNAVAILABLE.refusal().retryAfter(Duration.ofSeconds(30)));
    }
}
