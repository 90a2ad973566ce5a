package dev.actiongate.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.bearer.BearerTokenConfiguration;
import io.micronaut.security.token.bearer.BearerTokenReader;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Reads the bearer token as Micronaut does, but hands on none longer than {@link #MAX_LENGTH}: such a
 * token is refused (401 {@code invalid_token}) without being parsed or its signature checked. API
 * Gateway already stops header blocks over 10 KB; this bounds the work on every other path.
 */
@Singleton
@Replaces(BearerTokenReader.class)
final class BoundedBearerTokenReader extends BearerTokenReader {

    /** Far above real access tokens (a few KB even with many claims). */
    static final int MAX_LENGTH = 16 * 1024;

    BoundedBearerTokenReader(BearerTokenConfiguration configuration) {
        super(configuration);
    }

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        Optional<String> token = super.findToken(request);
        if (token.isPresent() && token.get().length() > MAX_LENGTH) {
            request.setAttribute(TokenProblem.ATTRIBUTE, TokenProblem.TOO_LONG);
            return Optional.empty();
        }
        return token;
    }
}
