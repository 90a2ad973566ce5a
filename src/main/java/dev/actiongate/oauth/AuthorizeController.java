package dev.actiongate.oauth;

import dev.actiongate.oauth.clients.Client;
import dev.actiongate.oauth.clients.ClientDirectory;
import dev.actiongate.telemetry.SignInEvents;
import dev.actiongate.web.BrowserAnswers;
import dev.actiongate.web.OAuthErrorCode;
import dev.actiongate.web.OAuthProblem;
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

import java.util.Map;

/**
 * {@code GET /authorize}: identifies the client and checks its request, then sends the browser on to the
 * identity provider ({@link UpstreamSignIn}), after the person's consent for every client but the GPT ({@link Consent}).
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
final class AuthorizeController {

    static final String PATH = "/authorize";

    private final ClientDirectory clients;
    private final ScopeRequest scopes;
    private final ResourceIndicators resources;
    private final UpstreamSignIn upstream;
    private final AuthorizationResponses responses;
    private final BrowserAnswers answers;
    private final QueryParameters queries;
    private final Consent consent;
    private final SignInEvents events;

    AuthorizeController(ClientDirectory clients, ScopeRequest scopes, ResourceIndicators resources, UpstreamSignIn upstream,
                        AuthorizationResponses responses, BrowserAnswers answers, QueryParameters queries, Consent consent, SignInEvents events) {
        this.events = events;
        this.clients = clients;
        this.scopes = scopes;
        this.resources = resources;
        this.upstream = upstream;
        this.responses = responses;
        this.answers = answers;
        this.queries = queries;
        this.consent = consent;
    }

    @ExecuteOn(TaskExecutors.BLOCKING)
    @Get(uri = PATH, produces = {MediaType.TEXT_HTML, MediaType.APPLICATION_JSON})
    MutableHttpResponse<String> authorize(HttpRequest<?> request) {
        FormParameters query;
        Client client;
        String redirectUri;
        try {
            query = queries.of(request);
            client = clients.find(request, query.require("client_id"));
            redirectUri = query.require("redirect_uri");
            clients.checkRedirect(client, redirectUri);
        } catch (OAuthProblem problem) {
            events.authorizeRefused(problem.error());
            // RFC 6749 §4.1.2.1: without a trusted client and redirect_uri, the person is told, not redirected.
            return answers.refuse(request, problem);
        }
        // From here on the redirect_uri is trusted: errors go back to the client.
        String state = query.get("state").orElse(null);
        try {
            AuthorizationRequest asked = checked(request, query, client, redirectUri);
            SignInEvents.ClientKind kind = SignInEvents.ClientKind.of(client.isPublic());
            if (client.needsConsent()) {
                MutableHttpResponse<String> asking = consent.ask(request, client, asked);
                // 200: the consent page; otherwise a remembered consent sent the person straight on
                events.started(kind, asking.code() == 200);
                return asking;
            }
            MutableHttpResponse<String> onward = answers.redirect(upstream.start(request, asked).url(), Map.of());
            events.started(kind, false);
            return onward;
        } catch (OAuthProblem problem) {
            events.authorizeRefused(problem.error());
            return responses.error(request, redirectUri, problem, state);
        }
    }

    private AuthorizationRequest checked(HttpRequest<?> request, FormParameters query, Client client, String redirectUri)
            throws OAuthProblem {
        if (!query.require("response_type").equals("code")) {
            throw OAuthProblem.of(OAuthErrorCode.UNSUPPORTED_RESPONSE_TYPE, "Only response_type=code is supported.");
        }
        // The GPT has always sent a state; a public client may rely on PKCE instead (OAuth 2.1 §7.5.1).
        String state = client.isPublic() ? query.get("state").orElse(null) : query.require("state");
        String scope = scopes.authorize(query.get("scope").orElse(""));
        String codeChallenge = query.get("code_challenge").orElse(null);
        if (codeChallenge == null && client.isPublic()) {
            // OAuth 2.1 §4.1.1 and MCP "Authorization Code Protection": a public client must use PKCE.
            throw OAuthProblem.invalidRequest("PKCE is required: send a code_challenge with code_challenge_method=S256.");
        }
        // RFC 7636 §4.3: the method defaults to plain, which ActionGate does not accept (OAuth 2.1 §4.1.1).
        if (codeChallenge != null && (!query.get("code_challenge_method").orElse("plain").equals("S256")
                || !Pkce.CHALLENGE.matcher(codeChallenge).matches())) {
            throw OAuthProblem.invalidRequest("Only PKCE with code_challenge_method=S256 is supported.");
        }
        String resource = resources.checked(request, query.get("resource")).orElse(null);
        return new AuthorizationRequest(client.id(), client.isPublic(), redirectUri, state, scope, codeChallenge, resource);
    }
}
