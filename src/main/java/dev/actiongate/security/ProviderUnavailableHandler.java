package dev.actiongate.security;

import dev.actiongate.web.ApiError;
import dev.actiongate.web.ApiException;
import dev.actiongate.upstream.IdentityProviderUnavailableException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
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
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "identity_provider_unavailable",
                "ActionGate cannot reach your identity provider to check your sign-in right now; try again in a minute.",
                Duration.ofSeconds(30)).toResponse();
    }
}
