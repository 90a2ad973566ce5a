package dev.actiongate.lambda;

import dev.actiongate.testing.ChatGptAndBrowser;
import dev.actiongate.testing.Gates;
import dev.actiongate.testing.LambdaTransport;
import dev.actiongate.testing.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Found by OAuthEndpointsFuzzTest: a header value with a control character was a 500 with no body. */
class UnreadableHeadersTest {

    @RegisterExtension
    static final Gates gates = Gates.withProvider();

    private final LambdaTransport gate = gates.lambda();

    @Test
    void aControlCharacterInAHeaderIs400WithASentence() {
        Transport.Answer answer = gate.post("/token", Map.of("content-type", "\u0000application/x-www-form-urlencoded"), "grant_type=x");

        assertEquals(400, answer.status(), answer.body());
        assertEquals(Map.of("error", "bad_request",
                        "message", "The request header content-type holds characters HTTP does not allow; ActionGate cannot read it."),
                ChatGptAndBrowser.json(answer));
    }

    @Test
    void aTabInsideAHeaderValueIsRead() {
        Transport.Answer answer = gate.get("/api/me", Map.of("authorization", "Bearer\tnot-a-token"));

        assertEquals(401, answer.status(), answer.body());
        assertEquals("invalid_token", ChatGptAndBrowser.json(answer).get("error"));
    }
}
