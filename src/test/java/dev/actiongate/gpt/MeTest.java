package dev.actiongate.gpt;

import dev.actiongate.testing.Gates;
import dev.actiongate.testing.RunningActionGate;
import dev.actiongate.testing.TestIdentityProvider;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeTest {

    @RegisterExtension
    static final Gates gates = Gates.withProvider();

    private final TestIdentityProvider idp = gates.provider();
    private final RunningActionGate gate = gates.server();

    @Test
    void tellsWhoTheTokenBelongsToAndWhatItMayDo() throws IOException {
        HttpResponse<String> response = gate.get("/api/me", "Bearer " + idp.accessToken("alice", "workflows:read logs:read"));

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        Map<String, Object> me = JsonMapper.createDefault().readValue(response.body(), Argument.mapOf(String.class, Object.class));
        assertEquals("alice", me.get("subject"));
        assertEquals("alice@example.com", me.get("email"));
        assertEquals("Test alice", me.get("name"));
        assertEquals(idp.issuer(), me.get("issuer"));
        assertEquals(List.of("workflows:read", "logs:read"), me.get("scopes"));
        Instant expiresAt = Instant.parse((String) me.get("expiresAt"));
        assertTrue(Duration.between(Instant.now(), expiresAt).toMinutes() >= 55, "expires in about an hour: " + expiresAt);
    }

    @Test
    void aTokenWithoutEmailOrNameStillAnswers() throws IOException {
        String token = idp.sign(idp.validClaims("robot-7").claim("scope", null).build());

        HttpResponse<String> response = gate.get("/api/me", "Bearer " + token);

        assertEquals(200, response.statusCode(), response.body());
        Map<String, Object> me = JsonMapper.createDefault().readValue(response.body(), Argument.mapOf(String.class, Object.class));
        assertEquals("robot-7", me.get("subject"));
        assertEquals(List.of(), me.get("scopes"));
    }
}
