package dev.actiongate.security;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.DefaultJwtAuthenticationFactory;
import io.micronaut.security.token.jwt.validator.JwtAuthenticationFactory;
import jakarta.inject.Singleton;

import java.text.ParseException;
import java.util.Optional;

/**
 * Turns a verified token into the person it belongs to: the name is {@code sub}, and the roles that
 * {@code @Secured} checks are the token's OAuth scopes.
 */
@Singleton
@Replaces(DefaultJwtAuthenticationFactory.class)
final class ScopedAuthenticationFactory implements JwtAuthenticationFactory {

    private final ApiScopes scopes;

    ScopedAuthenticationFactory(ApiScopes scopes) {
        this.scopes = scopes;
    }

    @Override
    public Optional<Authentication> createAuthentication(JWT token) {
        try {
            JWTClaimsSet claims = token.getJWTClaimsSet();
            return Optional.of(Authentication.build(claims.getSubject(), scopes.granted(claims.getClaims()), claims.getClaims()));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }
}
