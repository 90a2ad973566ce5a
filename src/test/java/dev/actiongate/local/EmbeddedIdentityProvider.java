package dev.actiongate.local;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;

/**
 * A complete OpenID provider on loopback (NAV's mock-oauth2-server): discovery, JWKS, a sign-in page,
 * authorization codes, refresh tokens and the password grant for curl. Whoever signs in becomes the
 * token's {@code sub} and {@code email}; the scopes are the ones requested, or all of ActionGate's.
 */
public final class EmbeddedIdentityProvider {

    public static final String ISSUER_ID = "actiongate";
    public static final String AUDIENCE = "actiongate";
    static final String ALL_SCOPES = "workflows:read workflows:trigger deployments:read logs:read analytics:read";

    private EmbeddedIdentityProvider() {
    }

    public static MockOAuth2Server start(int port) {
        MockOAuth2Server server = new MockOAuth2Server(OAuth2Config.Companion.fromJson(config()));
        server.start(port);
        return server;
    }

    static String config() {
        return """
                {
                  "interactiveLogin": true,
                  "tokenCallbacks": [{
                    "issuerId": "%1$s",
                    "tokenExpiry": 3600,
                    "requestMappings": [
                      {"requestParam": "scope", "match": ".*:.*",
                       "claims": {"sub": "${subject}", "email": "${subject}", "aud": ["%2$s"], "scope": "${scope}"}},
                      {"requestParam": "grant_type", "match": "*",
                       "claims": {"sub": "${subject}", "email": "${subject}", "aud": ["%2$s"], "scope": "%3$s"}}
                    ]
                  }]
                }
                """.formatted(ISSUER_ID, AUDIENCE, ALL_SCOPES);
    }
}
