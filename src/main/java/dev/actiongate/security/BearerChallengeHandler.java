package dev.actiongate.security;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.actiongate.web.ApiAnswers;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.web.router.RouteAttributes;
import jakarta.inject.Singleton;

import java.text.ParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Answers a refused request the way RFC 6750 §3 asks: 401 {@code invalid_token} for a missing or bad
 * token, 403 {@code insufficient_scope} naming the scope the operation needs, each with a
 * {@code WWW-Authenticate} challenge and a JSON body whose message the GPT can read to the person.
 * Micronaut's default handler sends neither the challenge nor a readable sentence.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
final class BearerChallengeHandler implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

    private static final String BEARER = "bearer ";

    private final TokenTypeHeader types;
    private final Challenges challenges;

    BearerChallengeHandler(TokenTypeHeader types, Challenges challenges) {
        this.types = types;
        this.challenges = challenges;
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        return exception.isForbidden() ? forbidden(request) : unauthorized(request);
    }

    private MutableHttpResponse<?> unauthorized(HttpRequest<?> request) {
        return ApiAnswers.of(challenges.unauthorized(request, diagnose(request)));
    }

    private MutableHttpResponse<?> forbidden(HttpRequest<?> request) {
        return ApiAnswers.of(challenges.insufficientScope(request, requiredScopes(request)));
    }

    /**
     * The claims check records what it refused; anything it never saw is found from the header, in the
     * order IssuerKeys checks it (the token's type before its signature).
     */
    private TokenProblem diagnose(HttpRequest<?> request) {
        Optional<TokenProblem> recorded = request.getAttribute(TokenProblem.ATTRIBUTE, TokenProblem.class);
        if (recorded.isPresent()) {
            return recorded.get();
        }
        Optional<String> authorization = request.getHeaders().findFirst(HttpHeaders.AUTHORIZATION);
        if (authorization.isEmpty() || authorization.get().isBlank()) {
            return TokenProblem.MISSING;
        }
        String value = authorization.get().trim();
        if (!value.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            return TokenProblem.NOT_BEARER;
        }
        try {
            JWT token = JWTParser.parse(value.substring(BEARER.length()).trim());
            if (token instanceof PlainJWT) {
                return TokenProblem.UNSIGNED;
            }
            return token instanceof SignedJWT signed && !types.accepts(signed.getHeader())
                    ? TokenProblem.NOT_AN_ACCESS_TOKEN_TYPE
                    : TokenProblem.BAD_SIGNATURE;
        } catch (ParseException e) {
            return TokenProblem.MALFORMED;
        }
    }

    /** The scopes named by the route's {@code @Secured}, leaving out the framework's own markers. */
    private static List<String> requiredScopes(HttpRequest<?> request) {
        return RouteAttributes.getRouteMatch(request)
                .map(route -> route.getAnnotationMetadata().stringValues(Secured.class))
                .map(values -> Arrays.stream(values)
                        .filter(value -> !value.equals(SecurityRule.IS_AUTHENTICATED)
                                && !value.equals(SecurityRule.IS_ANONYMOUS) && !value.equals(SecurityRule.DENY_ALL))
                        .toList())
                .orElse(List.of());
    }
}
