package dev.actiongate.devops;

import dev.actiongate.testing.ChatGptAndBrowser;
import dev.actiongate.testing.Gates;
import dev.actiongate.testing.HttpTransport;
import dev.actiongate.testing.TestIdentityProvider;
import dev.actiongate.testing.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Before an admin connects GitHub, the operations say what to set and everything else keeps working. */
class WithoutGithubTokenTest {

    @RegisterExtension
    static final Gates gates = Gates.withProvider().with("actiongate.github.repositories", "acme/web");

    private final TestIdentityProvider idp = gates.provider();
    private final HttpTransport gate = gates.http();

    @Test
    void operationsAnswer503SayingWhatToSet() {
        Transport.Answer answer = gate.get("/api/runs?repo=acme/web", Map.of("authorization", "Bearer " + idp.accessToken("alice", "workflows:read")));

        assertEquals(503, answer.status(), answer.body());
        assertEquals(Map.of("error", "github_not_configured", "message",
                "GitHub is not connected to ActionGate yet: an admin must set actiongate.github.token (ACTIONGATE_GITHUB_TOKEN)."),
                ChatGptAndBrowser.json(answer));
    }

    @Test
    void theRestOfActionGateKeepsWorking() {
        assertEquals(200, gate.get("/api/me", Map.of("authorization", "Bearer " + idp.accessToken("alice", "workflows:read"))).status());
        assertEquals(200, gate.get("/openapi.json").status());
        assertEquals(200, gate.get("/.well-known/oauth-authorization-server").status());
    }
}
