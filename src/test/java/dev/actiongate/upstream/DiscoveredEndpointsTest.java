package dev.actiongate.upstream;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.actiongate.testing.ChatGptAndBrowser;
import dev.actiongate.testing.Gates;
import dev.actiongate.testing.TestIdentityProvider;
import dev.actiongate.testing.Transport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.actiongate.testing.TestIdentityProvider.GPT_CLIENT_ID;
import static dev.actiongate.testing.TestIdentityProvider.GPT_REDIRECT_URI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The endpoints a discovery document names carry the key set, the client secret and every code, so
 * each must be https; plain http only on loopback for a loopback issuer. The provider here is a
 * loopback issuer (the only kind this machine can serve) whose document a test writes; a refused
 * document is not kept, so each test writes its own before the sign-in that reads it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DiscoveredEndpointsTest {

    private static final WireMockServer provider = new WireMockServer(wireMockConfig().dynamicPort());
    private static String issuer;

    @RegisterExtension
    static final Gates gates = Gates.withProvider().with("actiongate.idp.issuer", () -> issuer);

    private final TestIdentityProvider settingsSource = gates.provider();

    @BeforeAll
    static void start() {
        provider.start();
        issuer = provider.baseUrl() + "/idp";
    }

    @AfterAll
    static void stop() {
        provider.stop();
    }

    static Stream<Arguments> endpointsThatAreNotHttps() {
        return Stream.of("HTTP", "Lambda").flatMap(name -> Stream.of(
                Arguments.of(name, "jwks_uri", "http://idp.example.com/jwks"),
                Arguments.of(name, "jwks_uri", "file:/etc/passwd"),
                Arguments.of(name, "authorization_endpoint", "http://idp.example.com/authorize"),
                Arguments.of(name, "token_endpoint", "http://idp.example.com/token")));
    }

    @Order(1)
    @ParameterizedTest(name = "{0}: {1} {2}")
    @MethodSource("endpointsThatAreNotHttps")
    void aSignInCannotStartWhenDiscoveryNamesAnEndpointThatIsNotHttps(String name, String endpoint, String url) {
        Map<String, String> document = document();
        document.put(endpoint, url);
        serve(document);

        Map<String, String> error = sentBackToTheGpt(authorize(gate(name)));
        Transport.Answer me = gate(name).get("/api/me", Map.of("authorization", "Bearer " + settingsSource.accessToken("rob", "")));

        assertEquals("temporarily_unavailable", error.get("error"));
        assertEquals(503, me.status(), me.body());
    }

    /** Last: this document is valid, so it is kept. */
    @Order(2)
    @ParameterizedTest(name = "{0}")
    @MethodSource("gateNames")
    void httpsEndpointsOfALoopbackIssuerAreUsed(String name) {
        Map<String, String> document = document();
        document.put("authorization_endpoint", "https://idp.example.com/authorize");
        serve(document);

        Transport.Answer answer = authorize(gate(name));

        assertEquals(302, answer.status(), answer.body());
        assertTrue(answer.header("location").startsWith("https://idp.example.com/authorize?"), answer.header("location"));
    }

    static Stream<String> gateNames() {
        return Stream.of("HTTP", "Lambda");
    }

    private static Transport gate(String name) {
        return name.equals("HTTP") ? gates.http() : gates.lambda();
    }

    /** A valid document: the loopback issuer names http endpoints on loopback. */
    private static Map<String, String> document() {
        Map<String, String> document = new LinkedHashMap<>();
        document.put("issuer", issuer);
        document.put("jwks_uri", issuer + "/jwks");
        document.put("authorization_endpoint", issuer + "/authorize");
        document.put("token_endpoint", issuer + "/token");
        return document;
    }

    private static void serve(Map<String, String> document) {
        StringBuilder json = new StringBuilder("{");
        document.forEach((key, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(key).append("\":\"")
                .append(value).append('"'));
        provider.resetAll();
        provider.stubFor(get(urlEqualTo("/idp/.well-known/openid-configuration")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(json.append('}').toString())));
    }

    private static Transport.Answer authorize(Transport gate) {
        return gate.get("/authorize?" + ChatGptAndBrowser.form(Map.of("response_type", "code", "client_id", GPT_CLIENT_ID,
                "redirect_uri", GPT_REDIRECT_URI, "scope", "workflows:read", "state", "s1")), Map.of("accept", "text/html"));
    }

    private static Map<String, String> sentBackToTheGpt(Transport.Answer answer) {
        assertEquals(302, answer.status(), answer.body());
        String location = answer.header("location");
        assertTrue(location.startsWith(GPT_REDIRECT_URI + "?"), location);
        return ChatGptAndBrowser.parse(URI.create(location).getRawQuery());
    }
}
