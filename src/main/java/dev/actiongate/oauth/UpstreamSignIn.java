package dev.actiongate.oauth;

import dev.actiongate.config.IdpSettings;
import dev.actiongate.config.OAuthSettings;
import dev.actiongate.oauth.sealing.Sealer;
import dev.actiongate.security.ApiScopes;
import dev.actiongate.upstream.IdentityProviderUnavailableException;
import dev.actiongate.upstream.ProviderDiscovery;
import dev.actiongate.web.OAuthProblem;
import dev.actiongate.web.PublicBaseUrl;
import dev.actiongate.web.QueryString;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a checked request goes next: the identity provider's sign-in page, with the bridge's own PKCE, its
 * callback, and a sealed state that remembers the client's request until the callback.
 */
@Singleton
final class UpstreamSignIn {

    /** The provider's URL, and the sealed state in it (consent binds its cookie to that state). */
    record Redirect(String url, String sealedState) {
    }

    private final Sealer sealer;
    private final ProviderDiscovery discovery;
    private final ApiScopes apiScopes;
    private final IdpSettings idp;
    private final OAuthSettings settings;
    private final PublicBaseUrl baseUrl;
    private final Clock clock;

    UpstreamSignIn(Sealer sealer, ProviderDiscovery discovery, ApiScopes apiScopes, IdpSettings idp, OAuthSettings settings,
                   PublicBaseUrl baseUrl, Clock clock) {
        this.sealer = sealer;
        this.discovery = discovery;
        this.apiScopes = apiScopes;
        this.idp = idp;
        this.settings = settings;
        this.baseUrl = baseUrl;
        this.clock = clock;
    }

    Redirect start(HttpRequest<?> request, AuthorizationRequest asked) throws OAuthProblem {
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
        String sealedState = sealer.seal(Sealer.Purpose.STATE, new PendingSignIn(asked, verifier, callback),
                clock.instant().plus(settings.signInTimeout()));
        Map<String, String> upstream = new LinkedHashMap<>();
        upstream.put("response_type", "code");
        upstream.put("client_id", idp.requiredClientId());
        upstream.put("redirect_uri", callback);
        upstream.put("scope", apiScopes.upstream(asked.scope()));
        upstream.put("state", sealedState);
        upstream.put("code_challenge", Pkce.challenge(verifier));
        upstream.put("code_challenge_method", "S256");
        idp.audienceParameter().ifPresent(name -> upstream.put(name, idp.audience()));
        return new Redirect(QueryString.append(authorizationEndpoint.toString(), upstream), sealedState);
    }
}
