package dev.actiongate.oauth;

import dev.actiongate.config.OAuthSettings;
import dev.actiongate.oauth.sealing.SealException;
import dev.actiongate.oauth.sealing.Sealer;
import dev.actiongate.security.ApiScopes;
import dev.actiongate.upstream.ProviderAnswer;
import dev.actiongate.upstream.ProviderTokenEndpoint;
import dev.actiongate.upstream.ProviderUnavailableException;
import dev.actiongate.web.OAuthAnswers;
import dev.actiongate.web.OAuthError;
import dev.actiongate.web.OAuthErrorCode;
import dev.actiongate.web.OAuthProblem;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** The two grants of {@code /token}, after the client is authenticated. */
@Singleton
final class TokenExchange {

    private final Sealer sealer;
    private final ResourceIndicators resources;
    private final ReplayGuard replays;
    private final PublicRefreshTokens publicRefreshTokens;
    private final ProviderTokenEndpoint provider;
    private final ScopeRequest scopes;
    private final ApiScopes apiScopes;
    private final OAuthAnswers answers;
    private final OAuthSettings settings;
    private final Clock clock;

    TokenExchange(Sealer sealer, ResourceIndicators resources, ReplayGuard replays, PublicRefreshTokens publicRefreshTokens,
                  ProviderTokenEndpoint provider, ScopeRequest scopes, ApiScopes apiScopes, OAuthAnswers answers, OAuthSettings settings,
                  Clock clock) {
        this.sealer = sealer;
        this.resources = resources;
        this.replays = replays;
        this.publicRefreshTokens = publicRefreshTokens;
        this.provider = provider;
        this.scopes = scopes;
        this.apiScopes = apiScopes;
        this.answers = answers;
        this.settings = settings;
        this.clock = clock;
    }

    TokenAnswer exchange(HttpRequest<?> request, ClientAuthentication.TokenClient client, FormParameters form) throws OAuthProblem {
        String grantType = form.require("grant_type");
        return switch (grantType) {
            case "authorization_code" -> redeemCode(request, client, form);
            case "refresh_token" -> client.isPublic() ? refreshPublic(request, client, form) : refresh(client, form);
            default -> throw OAuthProblem.of(OAuthErrorCode.UNSUPPORTED_GRANT_TYPE,
                    "Only the authorization_code and refresh_token grants are supported.");
        };
    }

    private TokenAnswer redeemCode(HttpRequest<?> request, ClientAuthentication.TokenClient client, FormParameters form) throws OAuthProblem {
        String clientId = client.id();
        String code = form.require("code");
        String redirectUri = form.require("redirect_uri");
        IssuedCode sealed;
        Grant grant;
        try {
            sealed = sealer.unseal(Sealer.Purpose.CODE, code, IssuedCode.class);
            grant = Grant.code(code);
        } catch (SealException e) {
            throw OAuthProblem.invalidGrant(e.expired() ? "The code has expired; start the sign-in again."
                    : "The code is not valid; start the sign-in again.");
        }
        AuthorizationRequest issued = sealed.request();
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
        Optional<String> resource = resources.checked(request, form.get("resource"));
        if (resource.isPresent() && issued.resource() != null && !resource.get().equals(issued.resource())) {
            // RFC 8707 §2.2: the token is for the resource the person authorized, not another one.
            throw OAuthProblem.of(OAuthErrorCode.INVALID_TARGET, "The resource differs from the one the sign-in was for.");
        }
        Instant codeExpiry = clock.instant().plus(settings.codeLifetime());
        return replays.exchange(grant, clientId + "\n" + redirectUri, ReplayGuard.AfterWindow.REFUSE, codeExpiry, () -> {
            ProviderAnswer upstream = provider(() -> provider.redeem(sealed.upstreamCode(), sealed.verifier(), sealed.callback()));
            // OAuth 2.1 §4.3.1: a public client gets the bridge's rotating refresh token, never the provider's.
            return answer(client.isPublic() ? publicRefreshTokens.issue(upstream, issued) : upstream,
                    issued.scope(), names(issued.scope())::contains, null);
        });
    }

    /**
     * A refresh that names no scope asks for the scope first granted (RFC 6749 §6), which ActionGate does not
     * keep: its answer then reports the API scopes alone, not guessing which of the provider's scopes the GPT
     * once asked for.
     */
    private TokenAnswer refresh(ClientAuthentication.TokenClient client, FormParameters form) throws OAuthProblem {
        String clientId = client.id();
        String refreshToken = form.require("refresh_token");
        if (publicRefreshTokens.isBridgeToken(refreshToken)) {
            // Issued to a public client: the GPT never holds one, and it is not the provider's to judge.
            throw OAuthProblem.invalidGrant("This refresh token was issued to another client.");
        }
        Optional<String> scope = form.get("scope").isPresent() ? scopes.refresh(form.get("scope").get()) : Optional.empty();
        Predicate<String> askedFor = scope.isPresent() ? names(scope.get())::contains : asked -> false;
        return replays.exchange(Grant.refreshToken(refreshToken), clientId + "\n" + scope.orElse(""), ReplayGuard.AfterWindow.REDEEM_AGAIN,
                clock.instant(), () -> answer(provider(() -> provider.refresh(refreshToken, scope.map(apiScopes::upstream))),
                        scope.orElse(null), askedFor, refreshToken));
    }

    /**
     * A public client's refresh: its own bridge token only, rotated (see {@link PublicRefreshTokens}). A scope,
     * when named, may only narrow the scope of the sign-in (RFC 6749 §6); none named is that scope, which the
     * provider keeps for its token. The new token keeps the sign-in's scope, whatever this refresh asked.
     */
    private TokenAnswer refreshPublic(HttpRequest<?> request, ClientAuthentication.TokenClient client, FormParameters form)
            throws OAuthProblem {
        String refreshToken = form.require("refresh_token");
        BridgeRefreshToken presented = publicRefreshTokens.open(refreshToken, client.id());
        Optional<String> scope = form.get("scope").isPresent() ? scopes.refresh(form.get("scope").get()) : Optional.empty();
        if (scope.isPresent() && !names(presented.scope()).containsAll(names(scope.get()))) {
            throw OAuthProblem.invalidScope("A refresh may only ask for scopes of the sign-in: " + presented.scope() + ".");
        }
        Optional<String> resource = resources.checked(request, form.get("resource"));
        if (resource.isPresent() && presented.resource() != null && !resource.get().equals(presented.resource())) {
            // RFC 8707 §2.2: a refresh is for the resource the person authorized.
            throw OAuthProblem.of(OAuthErrorCode.INVALID_TARGET, "The resource differs from the one the sign-in was for.");
        }
        String asked = scope.orElse(presented.scope());
        return replays.exchange(Grant.refreshToken(refreshToken), client.id() + "\n" + scope.orElse(""), ReplayGuard.AfterWindow.REDEEM_AGAIN,
                clock.instant(), () -> answer(publicRefreshTokens.rotate(presented,
                                upstream -> provider(() -> provider.refresh(upstream, scope.map(apiScopes::upstream)))),
                        asked, names(asked)::contains, null));
    }

    /**
     * What the GPT is told. RFC 6749 §5.1 and §3.3: the answer's scope is the scope the token was granted, which
     * the provider may have narrowed (a person without the role); what was asked is only the last resort.
     * Reported are the API scopes the token carries, asked for or not, and those of the provider's own scopes
     * (openid, ...) that the GPT asked for. The ones ActionGate adds by itself (actiongate.idp.scopes, a
     * provider's defaults) are its own business with the provider, grant nothing at the API, and would make
     * a full grant look different from the GPT's request, as if it had been altered. A provider that sends
     * no new refresh token keeps the one presented valid.
     */
    private TokenAnswer answer(ProviderAnswer answer, String requestedScope, Predicate<String> askedFor, String presentedRefreshToken) {
        return switch (answer) {
            case ProviderAnswer.Refused refused -> new TokenAnswer(refused.status(),
                    answers.write(new OAuthError(refused.error(), refused.description())));
            case ProviderAnswer.Tokens tokens -> new TokenAnswer(200, answers.write(new TokenResponse(tokens.accessToken(), "Bearer",
                    tokens.expiresIn(), tokens.refreshToken() != null ? tokens.refreshToken() : presentedRefreshToken,
                    tokens.grantedScopes().map(granted -> apiScopes.reported(granted, askedFor)).orElse(requestedScope))));
        };
    }

    private static ProviderAnswer provider(ProviderCall call) throws OAuthProblem {
        try {
            return call.answer();
        } catch (ProviderUnavailableException e) {
            throw OAuthProblem.temporarilyUnavailable(e.status(), e.getMessage());
        }
    }

    @FunctionalInterface
    private interface ProviderCall {
        ProviderAnswer answer() throws ProviderUnavailableException;
    }

    private static Set<String> names(String scope) {
        return Set.copyOf(List.of(scope.split(" ")));
    }
}
