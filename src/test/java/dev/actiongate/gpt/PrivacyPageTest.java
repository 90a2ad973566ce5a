package dev.actiongate.gpt;

import dev.actiongate.testing.RunningActionGate;
import dev.actiongate.testing.TestIdentityProvider;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrivacyPageTest {

    @Test
    void aDefaultPolicyIsServedWithoutSignIn() {
        try (TestIdentityProvider idp = new TestIdentityProvider(); RunningActionGate gate = new RunningActionGate(idp.settings())) {
            HttpResponse<String> response = gate.get("/privacy");

            assertEquals(200, response.statusCode());
            assertEquals("text/html;charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow().replace(" ", ""));
            assertTrue(response.body().contains("<h1>Privacy policy</h1>"));
            assertTrue(response.body().contains("operated by the team that deployed this ActionGate"));
            assertTrue(response.body().contains("never written to logs"));
        }
    }

    @Test
    void operatorContactAndTextAreConfigurableAndEscaped() {
        try (TestIdentityProvider idp = new TestIdentityProvider()) {
            Map<String, Object> settings = new LinkedHashMap<>(idp.settings());
            settings.put("actiongate.privacy.operator", "Acme Platform Team");
            settings.put("actiongate.privacy.contact", "privacy@acme.example");
            try (RunningActionGate gate = new RunningActionGate(settings)) {
                String body = gate.get("/privacy").body();
                assertTrue(body.contains("operated by Acme Platform Team."), body);
                assertTrue(body.contains("privacy@acme.example"), body);
            }
            settings.put("actiongate.privacy.text", "Our own policy <script>alert(1)</script>.\n\nSecond paragraph.");
            try (RunningActionGate gate = new RunningActionGate(settings)) {
                String body = gate.get("/privacy").body();
                assertTrue(body.contains("<p>Our own policy &lt;script&gt;alert(1)&lt;/script&gt;.</p><p>Second paragraph.</p>"), body);
                assertFalse(body.contains("<script>"), body);
            }
        }
    }
}
