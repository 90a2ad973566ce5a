package dev.actiongate.security;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.actiongate.config.IdpSettings;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.attr.MutableAttributeHolder;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import io.micronaut.security.token.jwt.validator.JWTClaimsSetUtils;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The resource-server rules for a token whose signature has already been verified: trusted issuer, an
 * access token rather than an ID token, our audience, an expiry that has not passed, a not-before that
 * has, and a subject. Micronaut's own expiration check accepts a token without {@code exp} and allows
 * no clock skew, so it is switched off (see application.properties) and this check is the only claims
 * validator.
 */
@Singleton
final class TokenClaimsCheck<T> implements GenericJwtClaimsValidator<T> {

    /** Cognito's access tokens say {@code access}, its ID tokens {@code id}. */
    private static final String COGNITO_TOKEN_USE = "token_use";
    /** Keycloak's access tokens say {@code Bearer}, its ID tokens {@code ID}. */
    private static final String KEYCLOAK_TYPE = "typ";

    private final Set<String> issuers;
    private final Set<String> idTokenClaims;
    private final String audience;
    private final String audienceClaim;
    private final Duration skew;
    private final Clock clock;

    TokenClaimsCheck(IdpSettings settings, Clock clock) {
        this.issuers = settings.acceptedIssuers();
        this.idTokenClaims = settings.idTokenClaims();
        this.audience = settings.audience();
        this.audienceClaim = settings.audienceClaim();
        this.skew = settings.clockSkew();
        this.clock = clock;
    }

    @Override
    public boolean validate(@NonNull Claims claims, @Nullable T request) {
        Optional<TokenProblem> problem = problem(JWTClaimsSetUtils.jwtClaimsSetFromClaims(claims));
        if (problem.isPresent() && request instanceof MutableAttributeHolder attributes) {
            attributes.setAttribute(TokenProblem.ATTRIBUTE, problem.get());
        }
        return problem.isEmpty();
    }

    /** {@code aud} may be a string or a list; Cognito's access tokens carry the audience as {@code client_id}. */
    private List<String> audiences(JWTClaimsSet claims) {
        if (audienceClaim.equals("aud")) {
            return claims.getAudience() == null ? List.of() : claims.getAudience();
        }
        Object value = claims.getClaim(audienceClaim);
        return value instanceof String text ? List.of(text) : List.of();
    }

    /**
     * An ID token of our own provider can carry our audience (its {@code aud} is a client id, which some
     * setups also use as the API's audience), yet it proves only a sign-in to that client and must not
     * open the API (RFC 9068 §4, OpenID Connect Core §2). Provider claims that name the token's kind
     * are always honoured, since no access token says it is an ID token; the claims only ID tokens
     * carry ({@code nonce}, {@code at_hash}) are a setting.
     */
    private boolean isIdToken(JWTClaimsSet claims) {
        Object tokenUse = claims.getClaim(COGNITO_TOKEN_USE);
        if (tokenUse != null && !"access".equals(tokenUse)) {
            return true;
        }
        if (claims.getClaim(KEYCLOAK_TYPE) instanceof String type && type.equalsIgnoreCase("ID")) {
            return true;
        }
        return idTokenClaims.stream().anyMatch(claim -> claims.getClaim(claim) != null);
    }

    Optional<TokenProblem> problem(JWTClaimsSet claims) {
        Instant now = clock.instant();
        if (claims.getIssuer() == null || !issuers.contains(claims.getIssuer())) {
            return Optional.of(TokenProblem.WRONG_ISSUER);
        }
        if (isIdToken(claims)) {
            return Optional.of(TokenProblem.ID_TOKEN);
        }
        if (!audiences(claims).contains(audience)) {
            return Optional.of(TokenProblem.WRONG_AUDIENCE);
        }
        Date expiry = claims.getExpirationTime();
        if (expiry == null) {
            return Optional.of(TokenProblem.NO_EXPIRY);
        }
        if (!expiry.toInstant().plus(skew).isAfter(now)) {
            return Optional.of(TokenProblem.EXPIRED);
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && notBefore.toInstant().minus(skew).isAfter(now)) {
            return Optional.of(TokenProblem.NOT_YET_VALID);
        }
        if (claims.getSubject() == null || claims.getSubject().isBlank()) {
            return Optional.of(TokenProblem.NO_SUBJECT);
        }
        return Optional.empty();
    }
}
