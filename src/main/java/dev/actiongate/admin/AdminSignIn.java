package dev.actiongate.admin;

import dev.actiongate.config.IdpSettings;
import dev.actiongate.config.Secrets;
import dev.actiongate.oauth.Pkce;
import dev.actiongate.security.ApiScopes;
import dev.actiongate.security.Caller;
import dev.actiongate.security.Callers;
import dev.actiongate.security.Face;
import dev.actiongate.security.Randomness;
import dev.actiongate.security.Scopes;
import dev.actiongate.upstream.IdentityProviderUnavailableException;
import dev.actiongate.upstream.ProviderAnswer;
import dev.actiongate.upstream.ProviderDiscovery;
import dev.actiongate.upstream.ProviderMetadata;
import dev.actiongate.upstream.ProviderTokenEndpoint;
import dev.actiongate.upstream.ProviderUnavailableException;
import dev.actiongate.web.PublicBaseUrl;
import dev.actiongate.web.QueryString;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import reactor.core.publisher.Flux;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signs a person in to the admin page through the team's provider, as ActionGate's own confidential client
 * (the one the bridge is): the authorization code grant with PKCE S256 (RFC 7636 §4), a random state bound
 * to the browser by the sealed sign-in cookie (RFC 6749 §10.12), and the provider's access token checked
 * exactly as the API checks a bearer token, whose {@code admin} scope then decides what the page shows.
 */
@Singleton
final class AdminSignIn {

    static final String CALLBACK = "/admin/callback";
    /** A token check that takes longer than this is the provider's JWKS being unreachable. */
    private static final Duration TOKEN_CHECK = Duration.ofSeconds(10);
    private static final int MAX_RETURN_QUERY = 1000;

    /** Why a callback could not sign the person in: the status and the sentence of the page that says so. */
    static final class Failure extends Exception {
        private final int status;

        Failure(int status, String sentence) {
            super(sentence, null, false, false);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /** Where the browser goes to sign in, and the cookie that binds the sign-in to it. */
    record Start(String url, PendingAdminSignIn pending) {
    }

    private final Secrets secrets;
    private final IdpSettings idp;
    private final ProviderDiscovery discovery;
    private final ProviderTokenEndpoint tokens;
    private final ApiScopes apiScopes;
    private final Callers callers;
    private final List<TokenValidator<HttpRequest<?>>> validators;
    private final PublicBaseUrl baseUrl;

    AdminSignIn(Secrets secrets, IdpSettings idp, ProviderDiscovery discovery, ProviderTokenEndpoint tokens, ApiScopes apiScopes,
                Callers callers, List<TokenValidator<HttpRequest<?>>> validators, PublicBaseUrl baseUrl) {
        this.secrets = secrets;
        this.idp = idp;
        this.discovery = discovery;
        this.tokens = tokens;
        this.apiScopes = apiScopes;
        this.callers = callers;
        this.validators = validators;
        this.baseUrl = baseUrl;
    }

    /** Whether this function can sign admins in: the provider client's id and secret and a state key are set. */
    boolean setUp() {
        return idp.clientId().isPresent() && secrets.signsAdminsIn();
    }

    Start start(HttpRequest<?> request, String pageQuery) throws Failure {
        URI authorizationEndpoint;
        try {
            authorizationEndpoint = discovery.metadata().authorizationEndpoint().orElseThrow(() ->
                    new IdentityProviderUnavailableException("The identity provider names no authorization_endpoint."));
        } catch (IdentityProviderUnavailableException e) {
            throw new Failure(503, "The identity provider cannot be reached right now; try again in a minute.");
        }
        String callback = baseUrl.of(request) + CALLBACK;
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(Randomness.bytes(32));
        String verifier = Pkce.newVerifier();
        Map<String, String> upstream = new LinkedHashMap<>();
        upstream.put("response_type", "code");
        upstream.put("client_id", idp.requiredClientId());
        upstream.put("redirect_uri", callback);
        upstream.put("scope", apiScopes.upstream(Scopes.ADMIN));
        upstream.put("state", state);
        upstream.put("code_challenge", Pkce.challenge(verifier));
        upstream.put("code_challenge_method", "S256");
        idp.audienceParameter().ifPresent(name -> upstream.put(name, idp.audience()));
        String query = pageQuery == null || pageQuery.length() > MAX_RETURN_QUERY ? "" : pageQuery;
        return new Start(QueryString.append(authorizationEndpoint.toString(), upstream), new PendingAdminSignIn(state, verifier, callback, query));
    }

    /** The provider's answer at the callback, for the sign-in this browser started: the person, or why not. */
    AdminSession finish(HttpRequest<?> request, Optional<PendingAdminSignIn> started, Map<String, String> answer) throws Failure {
        PendingAdminSignIn pending = started.orElseThrow(() -> new Failure(400,
                "This sign-in did not start in this browser, or took too long; sign in again."));
        String state = answer.getOrDefault("state", "");
        // RFC 6749 §10.12: the state must be the one this browser's sign-in sent, or the answer is someone else's.
        if (!MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8), pending.state().getBytes(StandardCharsets.UTF_8))) {
            throw new Failure(400, "This sign-in answer is not the one this browser asked for; sign in again.");
        }
        if (!fromTheProvider(answer)) {
            // RFC 9207 §2.4: an answer without the provider's iss, where it announces one, may be another provider's.
            throw new Failure(400, "The sign-in answer did not come from the configured identity provider; sign in again.");
        }
        String error = answer.get("error");
        if (error != null) {
            throw new Failure(400, error.equals("invalid_scope") || error.equals("access_denied")
                    ? "The identity provider did not grant the admin scope; ask its administrator to grant you admin, then sign in again."
                    : "The identity provider did not sign you in; sign in again.");
        }
        String code = answer.get("code");
        if (code == null || code.isEmpty()) {
            throw new Failure(400, "The identity provider sent no code; sign in again.");
        }
        ProviderAnswer redeemed;
        try {
            redeemed = tokens.redeem(code, pending.verifier(), pending.callback());
        } catch (ProviderUnavailableException e) {
            throw new Failure(502, "The identity provider cannot be reached right now; try again in a minute.");
        }
        if (!(redeemed instanceof ProviderAnswer.Tokens issued)) {
            throw new Failure(400, "The identity provider did not accept the sign-in; sign in again.");
        }
        Caller caller = verified(request, issued.accessToken()).map(authentication -> callers.of(authentication, Face.GPT))
                .orElseThrow(() -> new Failure(400, "The identity provider's token was not accepted; check ActionGate's audience "
                        + "and issuer settings, then sign in again."));
        return new AdminSession(caller.subject(), caller.email(), new ArrayList<>(caller.scopes()));
    }

    /** The page's query when the sign-in started, to come back to. */
    static String returnQuery(PendingAdminSignIn pending) {
        return pending.query() == null ? "" : pending.query();
    }

    /** The token as the API would take it: signature, issuer, audience, expiry, type (every validator of the resource server). */
    private Optional<Authentication> verified(HttpRequest<?> request, String accessToken) {
        for (TokenValidator<HttpRequest<?>> validator : validators) {
            Authentication authentication = Flux.from(validator.validateToken(accessToken, request)).next().block(TOKEN_CHECK);
            if (authentication != null) {
                return Optional.of(authentication);
            }
        }
        return Optional.empty();
    }

    private boolean fromTheProvider(Map<String, String> answer) {
        ProviderMetadata provider;
        try {
            provider = discovery.metadata();
        } catch (IdentityProviderUnavailableException e) {
            return true;
        }
        return !provider.issParameterSupported() || provider.issuer().equals(answer.get("iss"));
    }
}
