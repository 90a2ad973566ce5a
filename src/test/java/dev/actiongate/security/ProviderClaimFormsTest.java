package dev.actiongate.security;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.actiongate.testing.ChatGptAndBrowser;
import dev.actiongate.testing.Gates;
import dev.actiongate.testing.HttpTransport;
import dev.actiongate.testing.TestIdentityProvider;
import dev.actiongate.testing.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Cognito's access tokens: no {@code aud}, the app client in {@code client_id}, and custom scopes
 * prefixed with the resource server, e.g. {@code actiongate/workflows:read}.
 */
class ProviderClaimFormsTest {

    @RegisterExtension
    static final Gates gates = Gates.withProvider()
            .with("actiongate.idp.audience", "app-client-1")
            .with("actiongate.idp.audience-claim", "client_id")
            .with("actiongate.idp.scope-prefix", "actiongate/");

    private final TestIdentityProvider idp = gates.provider();
    private final HttpTransport gate = gates.http();

    @Test
    void theAudienceIsReadFromTheConfiguredClaimAndScopesLoseTheirPrefix() {
        Transport.Answer me = me(cognitoToken("app-client-1", "openid actiongate/workflows:read actiongate/logs:read"));

        assertEquals(200, me.status(), me.body());
        assertEquals(List.of("workflows:read", "logs:read"), ChatGptAndBrowser.json(me).get("scopes"));
    }

    @Test
    void anotherAppClientIsRefused() {
        assertEquals(401, me(cognitoToken("app-client-2", "actiongate/workflows:read")).status());
    }

    @Test
    void aScopeWithoutThePrefixGrantsNothing() {
        Transport.Answer me = me(cognitoToken("app-client-1", "workflows:read"));

        assertEquals(List.of(), ChatGptAndBrowser.json(me).get("scopes"));
    }

    private String cognitoToken(String clientId, String scope) {
        Instant now = Instant.now();
        return idp.sign(new JWTClaimsSet.Builder().issuer(idp.issuer()).subject("alice").claim("client_id", clientId)
                .claim("token_use", "access").claim("scope", scope)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600))).build());
    }

    private Transport.Answer me(String token) {
        return gate.get("/api/me", Map.of("authorization", "Bearer " + token));
    }
}
