package dev.actiongate.oauth;

import dev.actiongate.config.OAuthSettings;
import dev.actiongate.oauth.sealing.SealException;
import dev.actiongate.oauth.sealing.Sealer;
import dev.actiongate.telemetry.SignInEvents;
import dev.actiongate.upstream.IdentityProviderUnavailableException;
import dev.actiongate.upstream.ProviderDiscovery;
import dev.actiongate.upstream.ProviderMetadata;
import dev.actiongate.web.BrowserAnswers;
import dev.actiongate.web.OAuthErrorCode;
import dev.actiongate.web.OAuthProblem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.time.Clock;

/**
 * {@code GET /oauth/callback}: where the identity provider sends the browser back. The provider's code
 * is sealed into the code the client gets, and the browser returns to the client with its own state, unchanged.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
final class CallbackController {

    static final String PATH = "/oauth/callback";

    private final Sealer sealer;
    private final OAuthSettings settings;
    private final BrowserAnswers answers;
    private final AuthorizationResponses responses;
    private final QueryParameters queries;
    private final CallbackClaims claims;
    private final ProviderDiscovery discovery;
    private final Clock clock;
    private final ConsentCookies cookies;
    private final SignInEvents events;

    CallbackController(Sealer sealer, OAuthSettings settings, BrowserAnswers answers, AuthorizationResponses responses,
                       QueryParameters queries, CallbackClaims claims, ProviderDiscovery discovery, Clock clock, ConsentCookies cookies, SignInEvents events) {
        this.events = events;
        this.clock = clock;
        this.sealer = sealer;
        this.settings = settings;
        this.answers = answers;
        this.responses = responses;
        this.queries = queries;
        this.claims = claims;
        this.discovery = discovery;
        this.cookies = cookies;
    }

    @Get(uri = PATH, produces = {MediaType.TEXT_HTML, MediaType.APPLICATION_JSON})
    MutableHttpResponse<String> callback(HttpRequest<?> request) {
        FormParameters query;
        String state;
        PendingSignIn pending;
        try {
            query = queries.of(request);
            state = query.require("state");
        } catch (OAuthProblem problem) {
            events.callbackRefused(null, problem.error());
            return answers.refuse(request, problem);
        }
        try {
            pending = sealer.unseal(Sealer.Purpose.STATE, state, PendingSignIn.class);
        } catch (SealException e) {
            events.callbackRefused(null, e.expired() ? "expired" : "invalid_request");
            return answers.refuse(request, OAuthProblem.invalidRequest(e.expired()
                    ? "The sign-in took too long and has expired."
                    : "The sign-in state is not valid; it may have been altered."));
        }
        if (!pending.request().publicClient()) {
            return answer(request, query, state, pending);
        }
        if (!cookies.signInApproved(request, state)) {
            // The person approved this sign-in in the browser that holds the cookie; without it the provider's
            // answer may be one an attacker started and approved for themselves, now replayed into this
            // browser, or the approved sign-in's answer carried off to another. No redirect: neither is the
            // client's to hear of.
            events.callbackRefused(SignInEvents.ClientKind.MCP, "not_approved_here");
            return answers.refuse(request, OAuthProblem.invalidRequest("This sign-in was not approved in this browser, "
                    + "so it cannot finish here; start the sign-in again from the application."));
        }
        // The cookie served its one sign-in.
        return answer(request, query, state, pending).cookie(cookies.clearedSignInCookie());
    }

    private MutableHttpResponse<String> answer(HttpRequest<?> request, FormParameters query, String state, PendingSignIn pending) {
        AuthorizationRequest asked = pending.request();
        SignInEvents.ClientKind kind = SignInEvents.ClientKind.of(asked.publicClient());
        String error = query.get("error").orElse(null);
        String upstreamCode = query.get("code").orElse(null);
        if (!fromTheProvider(query)) {
            // RFC 9207 §2.4: a provider that announces iss in its responses and sent another (or none) did not send
            // this one; it may be a mix-up with another provider's response, so no code is minted from it.
            events.callbackRefused(kind, "access_denied");
            return responses.error(request, asked.redirectUri(), OAuthErrorCode.ACCESS_DENIED.code(),
                    "The sign-in answer did not come from the configured identity provider.", asked.state());
        }
        if (error == null && upstreamCode != null && !claims.firstUse(state)) {
            // A replayed callback URL (a reload, a copy from the history) mints no second code. The client already
            // got the one authorization response to its request (RFC 6749 §4.1.2), and the code in it is
            // single-use (§10.5); redirecting an error back with the client's state, as §4.1.2.1 does for a
            // failed request, would hand whoever replays the URL a second response for a finished sign-in and
            // could make the client drop the sign-in that succeeded. So: the 400 page, no redirect.
            events.callbackRefused(kind, "replayed_callback");
            return answers.refuse(request, OAuthProblem.invalidRequest("This sign-in link was already used, so it cannot sign you in again."));
        }
        if (error != null || upstreamCode == null) {
            events.callbackRefused(kind, OAuthErrorCode.ACCESS_DENIED.code().equals(error) ? "access_denied" : "provider_error");
            return responses.error(request, asked.redirectUri(),
                    OAuthErrorCode.wellFormed(error) ? error : OAuthErrorCode.SERVER_ERROR.code(),
                    query.get("error_description").filter(OAuthErrorCode::wellFormedDescription)
                            .orElse(error != null ? "The identity provider did not sign you in." : "The identity provider sent no code."),
                    asked.state());
        }
        IssuedCode issued = new IssuedCode(asked, upstreamCode, pending.verifier(), pending.callback());
        events.codeIssued(kind);
        return responses.code(request, asked, sealer.seal(Sealer.Purpose.CODE, issued, clock.instant().plus(settings.codeLifetime())));
    }

    private boolean fromTheProvider(FormParameters query) {
        ProviderMetadata provider;
        try {
            provider = discovery.metadata();
        } catch (IdentityProviderUnavailableException e) {
            // The provider was discovered to start this sign-in; if it cannot be now, its iss cannot be asked for.
            return true;
        }
        return !provider.issParameterSupported() || query.get("iss").map(provider.issuer()::equals).orElse(false);
    }

}
