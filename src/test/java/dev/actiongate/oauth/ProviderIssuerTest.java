package dev.actiongate.oauth;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.actiongate.testing.ChatGptAndBrowser;
import dev.actiongate.testing.Gates;
import dev.actiongate.testing.Transport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.util.Map;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.actiongate.testing.TestIdentityProvider.GPT_CLIENT_ID;
import static dev.actiongate.testing.TestIdentityProvider.GPT_REDIRECT_URI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RFC 9207 §2.4: a provider whose metadata says it sends {@code iss} in its authorization responses has its
 * callback's {@code iss} checked, so a response from another provider (a mix-up attack) mints no code. The
 * provider is a discovery document served here; the callback is called as the provider's redirect would.
 */
class ProviderIssuerTest {

    private static final WireMockServer provider = new WireMockServer(wireMockConfig().dynamicPort());
    private static String issuer;

    @RegisterExtension
    static final Gates gates = Gates.withProvider().with("actiongate.idp.issuer", () -> issuer);

    @BeforeAll
    static void start() {
        provider.start();
        issuer = provider.baseUrl() + "/idp";
        provider.stubFor(get(urlEqualTo("/idp/.well-known/openid-configuration")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer
                        + "/jwks\",\"authorization_endpoint\":\"" + issuer + "/authorize\",\"token_endpoint\":\"" + issuer
                        + "/token\",\"authorization_response_iss_parameter_supported\":true}")));
    }

    @AfterAll
    static void stop() {
        provider.stop();
    }

    static Stream<Arguments> gatesAndIssuers() {
        return Stream.of("HTTP", "Lambda").flatMap(name -> Stream.of(Arguments.of(name, null), Arguments.of(name, "https://other-idp.example")));
    }

    @ParameterizedTest(name = "{0}: iss={1}")
    @MethodSource("gatesAndIssuers")
    void aCallbackWithoutTheProvidersIssuerMintsNoCode(String name, String iss) {
        Transport gate = name.equals("HTTP") ? gates.http() : gates.lambda();

        Map<String, String> back = callback(gate, iss);

        assertNull(back.get("code"));
        assertEquals("access_denied", back.get("error"));
        assertEquals("s1", back.get("state"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gateNames")
    void aCallbackWithTheProvidersIssuerGetsItsCode(String name) {
        Transport gate = name.equals("HTTP") ? gates.http() : gates.lambda();

        Map<String, String> back = callback(gate, issuer);

        assertNotNull(back.get("code"), back.toString());
        assertEquals("s1", back.get("state"));
    }

    static Stream<String> gateNames() {
        return Stream.of("HTTP", "Lambda");
    }

    private static Map<String, String> callback(Transport gate, String iss) {
        Transport.Answer authorize = gate.get("/authorize?" + ChatGptAndBrowser.form(Map.of("response_type", "code", "client_id", GPT_CLIENT_ID,
                "redirect_uri", GPT_REDIRECT_URI, "scope", "workflows:read", "state", "s1")), Map.of("accept", "text/html"));
        assertEquals(302, authorize.status(), authorize.body());
        String state = ChatGptAndBrowser.parse(URI.create(authorize.header("location")).getRawQuery()).get("state");
        Map<String, String> response = new java.util.LinkedHashMap<>(Map.of("code", "upstream-code-" + System.nanoTime(), "state", state));
        if (iss != null) {
            response.put("iss", iss);
        }
        Transport.Answer back = gate.get("/oauth/callback?" + ChatGptAndBrowser.form(response), Map.of("accept", "text/html"));
        assertEquals(302, back.status(), back.body());
        assertTrue(back.header("location").startsWith(GPT_REDIRECT_URI + "?"), back.header("location"));
        return ChatGptAndBrowser.parse(URI.create(back.header("location")).getRawQuery());
    }
}
