package dev.actiongate.oauth;

import dev.actiongate.config.GptSettings;
import dev.actiongate.config.IdpSettings;
import dev.actiongate.config.OAuthSettings;
import dev.actiongate.security.ApiScopes;
import dev.actiongate.upstream.IdentityProviderUnavailableException;
import dev.actiongate.upstream.ProviderDiscovery;
import dev.actiongate.web.BrowserAnswers;
import dev.actiongate.web.OAuthErrorCode;
import dev.actiongate.web.OAuthProblem;
import dev.actiongate.web.PublicBaseUrl;
import dev.actiongate.web.QueryString;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /authorize}: checks the GPT's request, then sends the browser to the identity provider with
 * PKCE S256, the bridge's own callback and a sealed state that remembers the GPT's request.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
final class AuthorizeController {

    static final String PATH = "/authorize";

    private final String clientId;
    private final RedirectUriAllowlist redirectUris;
    private final ScopeRequest scopes;
    private final ApiScopes apiScopes;
    private final Sealer sealer;
    private final ProviderDiscovery discovery;
    private final IdpSettings idp;
    private final OAuthSettings settings;
    private final PublicBaseUrl baseUrl;
    private final BrowserAnswers answers;
    private final QueryParameters queries;
    private final Clock clock;

    AuthorizeController(GptSettings gpt, RedirectUriAllowlist redirectUris, ScopeRequest scopes, ApiScopes apiScopes,
                        Sealer sealer, ProviderDiscovery discovery, IdpSettings idp, OAuthSettings settings,
                        PublicBaseUrl baseUrl, BrowserAnswers answers, QueryParameters queries, Clock clock) {
        this.clock = clock;
        this.clientId = gpt.requiredClientId();
        this.redirectUris = redirectUris;
        this.scopes = scopes;
        this.apiScopes = apiScopes;
        this.sealer = sealer;
        this.discovery = discovery;
        this.idp = idp;
        this.settings = settings;
        this.baseUrl = baseUrl;
        this.answers = answers;
        this.queries = queries;
    }

    @ExecuteOn(TaskExecutors.BLOCKING)
    @Get(uri = PATH, produces = {MediaType.TEXT_HTML, MediaType.APPLICATION_JSON})
    MutableHttpResponse<String> authorize(HttpRequest<?> request) {
        FormParameters query;
        String redirectUri;
        try {
            query = queries.of(request);
            if (!query.require("client_id").equals(clientId)) {
                throw OAuthProblem.invalidRequest("The client_id is not the one configured for this GPT.");
            }
            redirectUri = query.require("redirect_uri");
            if (!redirectUris.allows(redirectUri)) {
                throw OAuthProblem.invalidRequest("The redirect_uri is not on ActionGate's allowlist (actiongate.gpt.redirect-uris).");
            }
        } catch (OAuthProblem problem) {
            return answers.refuse(request, problem);
        }
        // From here on the redirect_uri is trusted: errors go back to the GPT.
        String state = query.get("state").orElse(null);
        try {
            return answers.redirect(upstreamSignIn(request, query, redirectUri), Map.of());
        } catch (OAuthProblem problem) {
            Map<String, String> error = new LinkedHashMap<>();
            error.put("error", problem.error());
            error.put("error_description", problem.description());
            error.put("state", state);
            return answers.redirect(redirectUri, error);
        }
    }

    private String upstreamSignIn(HttpRequest<?> request, FormParameters query, String redirectUri) throws OAuthProblem {
        if (!query.require("response_type").equals("code")) {
            throw OAuthProblem.of(OAuthErrorCode.UNSUPPORTED_RESPONSE_TYPE, "Only response_type=code is supported.");
        }
        String state = query.require("state");
        String scope = scopes.authorize(query.get("scope").orElse(""));
        String codeChallenge = query.get("code_challenge").orElse(null);
        if (codeChallenge != null && (!query.get("code_challenge_method").orElse("plain").equals("S256")
                || !Pkce.CHALLENGE.matcher(codeChallenge).matches())) {
            throw OAuthProblem.invalidRequest("Only PKCE with code_challenge_method=S256 is supported.");
        }
        URI authorizationEndpoint;
        try {
            authorizationEndpoint = discovery.metadata().authorizationEndpoint().orElseThrow(() ->
                    new IdentityProviderUnavailableException("The identity provider names no authorization_endpoint."));
        } catch (IdentityProviderUnavailableException e) {
            throw OAuthProblem.temporarilyUnavailable(503,
                    "The identity provider cannot be reached right now; try again in a minute.");
        }
        String callback = baseUrl.of(request) + CallbackController.PATH;
        String verifier = Pkce.newVerifier();
        String sealedState = sealer.seal(Sealer.Purpose.STATE,
                new PendingSignIn(clientId, redirectUri, state, scope, verifier, callback, codeChallenge),
                clock.instant().plus(settings.signInTimeout()));
        Map<String, String> upstream = new LinkedHashMap<>();
        upstream.put("response_type", "code");
        upstream.put("client_id", idp.requiredClientId());
        upstream.put("redirect_uri", callback);
        upstream.put("scope", apiScopes.upstream(scope));
        upstream.put("state", sealedState);
        upstream.put("code_challenge", Pkce.challenge(verifier));
        upstream.put("code_challenge_method", "S256");
        idp.audienceParameter().ifPresent(name -> upstream.put(name, idp.audience()));
        return QueryString.append(authorizationEndpoint.toString(), upstream);
    }
}
