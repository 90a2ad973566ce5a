package dev.actiongate.oauth.clients;

import dev.actiongate.testing.Browser;
import dev.actiongate.testing.ChatGptAndBrowser;
import dev.actiongate.testing.Transport;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A public client's sign-in in one browser, as far as these tests follow it: /authorize, the consent page, Approve. */
final class PublicSignIn {

    /** RFC 7636 Appendix B's challenge: the tests here never redeem the code. */
    static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    private final Browser browser;

    PublicSignIn(Transport gate) {
        this.browser = new Browser(gate);
    }

    Transport.Answer authorize(String clientId, String redirectUri, String state) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", clientId);
        query.put("redirect_uri", redirectUri);
        query.put("scope", "workflows:read");
        query.put("state", state);
        query.put("code_challenge", CHALLENGE);
        query.put("code_challenge_method", "S256");
        return browser.get("/authorize?" + ChatGptAndBrowser.form(query));
    }

    /** An identified client's sign-in: the consent page, then, approved, on to the provider. */
    void assertSentToTheProviderOnceApproved(Transport.Answer page, String providerIssuer) {
        assertEquals(200, page.status(), page.body());
        assertTrue(page.body().contains("to use ActionGate for you?"), page.body());
        Transport.Answer approved = browser.approve(page);
        assertEquals(303, approved.status(), approved.body());
        assertTrue(approved.header("location").startsWith(providerIssuer + "/authorize?"), approved.header("location"));
    }
}
