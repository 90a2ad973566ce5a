package dev.actiongate.oauth;

import dev.actiongate.config.OAuthSettings;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** The two grants of {@code /token}, after the client is authenticated. */
@Singleton
final class TokenExchange {

    private final Sealer sealer;
    private final ReplayGuard replays;
    private final UpstreamTokenEndpoint upstream;
    private final ScopeRequest scopes;
    private final OAuthSettings settings;
    private final Clock clock = Clock.systemUTC();

    TokenExchange(Sealer sealer, ReplayGuard replays, UpstreamTokenEndpoint upstream, ScopeRequest scopes, OAuthSettings settings) {
        this.sealer = sealer;
        this.replays = replays;
        this.upstream = upstream;
        this.scopes = scopes;
        this.settings = settings;
    }

    TokenAnswer exchange(String clientId, FormParameters form) throws OAuthProblem, UpstreamUnavailableException {
        String grantType = form.require("grant_type");
        return switch (grantType) {
            case "authorization_code" -> redeemCode(clientId, form);
            case "refresh_token" -> refresh(clientId, form);
            default -> throw new OAuthProblem(HttpStatus.BAD_REQUEST, "unsupported_grant_type",
                    "Only the authorization_code and refresh_token grants are supported.");
        };
    }

    private TokenAnswer redeemCode(String clientId, FormParameters form) throws OAuthProblem, UpstreamUnavailableException {
        String code = form.require("code");
        String redirectUri = form.require("redirect_uri");
        IssuedCode issued;
        Grant grant;
        try {
            issued = sealer.unseal(Sealer.Purpose.CODE, code, IssuedCode.class);
            grant = Grant.code(code);
        } catch (SealException e) {
            throw OAuthProblem.invalidGrant(e.expired() ? "The code has expired; start the sign-in again."
                    : "The code is not valid; start the sign-in again.");
        }
        if (!issued.clientId().equals(clientId)) {
            throw OAuthProblem.invalidGrant("The code was issued to another client.");
        }
        if (!issued.redirectUri().equals(redirectUri)) {
            throw OAuthProblem.invalidGrant("The redirect_uri differs from the one the sign-in started with.");
        }
        Optional<String> verifier = form.get("code_verifier");
        if (issued.codeChallenge() != null && !Pkce.matches(issued.codeChallenge(), verifier.orElse(null))) {
            throw OAuthProblem.invalidGrant("The code_verifier does not match the code_challenge of the sign-in.");
        }
        // RFC 9700 §2.1.1: a verifier for a code issued without a challenge is a PKCE downgrade attempt.
        if (issued.codeChallenge() == null && verifier.isPresent()) {
            throw OAuthProblem.invalidGrant("A code_verifier was sent, but the sign-in was started without a code_challenge.");
        }
        Instant codeExpiry = clock.instant().plus(settings.codeLifetime());
        return replays.exchange(grant, clientId + "\n" + redirectUri, ReplayGuard.AfterWindow.REFUSE, codeExpiry,
                () -> upstream.redeem(issued));
    }

    private TokenAnswer refresh(String clientId, FormParameters form) throws OAuthProblem, UpstreamUnavailableException {
        String refreshToken = form.require("refresh_token");
        Optional<String> scope = form.get("scope").isPresent() ? scopes.refresh(form.get("scope").get()) : Optional.empty();
        return replays.exchange(Grant.refreshToken(refreshToken), clientId + "\n" + scope.orElse(""), ReplayGuard.AfterWindow.REDEEM_AGAIN,
                clock.instant(), () -> upstream.refresh(refreshToken, scope));
    }
}
