package dev.actiongate.security;

import dev.actiongate.testing.RunningActionGate;
import dev.actiongate.testing.TestIdentityProvider;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class KeyRotationTest {

    @Test
    void aKeyRotatedAtTheIssuerIsPickedUpWithoutARestart() {
        try (TestIdentityProvider idp = new TestIdentityProvider();
             RunningActionGate gate = new RunningActionGate(idp.settings())) {
            String before = idp.accessToken("alice", "");
            assertEquals(200, gate.get("/api/me", "Bearer " + before).statusCode());
            String oldKeyId = idp.currentKey().getKeyID();

            idp.rotateKey();
            String after = idp.accessToken("alice", "");

            assertNotEquals(oldKeyId, idp.currentKey().getKeyID());
            assertEquals(200, gate.get("/api/me", "Bearer " + after).statusCode());
        }
    }

    @Test
    void anExplicitJwksUrlWorksWithoutDiscovery() {
        try (TestIdentityProvider idp = new TestIdentityProvider()) {
            Map<String, Object> settings = new LinkedHashMap<>(idp.settings());
            settings.put("actiongate.idp.jwks-url", idp.jwksUrl());
            settings.put("actiongate.idp.issuer", "https://issuer-without-discovery.example");
            settings.put("actiongate.function", "api");
            try (RunningActionGate gate = new RunningActionGate(settings)) {
                String token = idp.sign(idp.validClaims("alice").issuer("https://issuer-without-discovery.example").build());

                assertEquals(200, gate.get("/api/me", "Bearer " + token).statusCode());
            }
        }
    }

    @Test
    void everyConfiguredIssuerFormIsAccepted() {
        try (TestIdentityProvider idp = new TestIdentityProvider()) {
            Map<String, Object> settings = new LinkedHashMap<>(idp.settings());
            settings.put("actiongate.idp.accepted-issuers", "https://api.descope.com/v1/apps/P2abc");
            try (RunningActionGate gate = new RunningActionGate(settings)) {
                String otherForm = idp.sign(idp.validClaims("alice").issuer("https://api.descope.com/v1/apps/P2abc").build());
                String stranger = idp.sign(idp.validClaims("alice").issuer("https://api.descope.com/v1/apps/P2xyz").build());

                assertEquals(200, gate.get("/api/me", "Bearer " + otherForm).statusCode());
                assertEquals(401, gate.get("/api/me", "Bearer " + stranger).statusCode());
            }
        }
    }
}
