package dev.actiongate;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.actiongate.testing.ChatGptAndBrowser;
import dev.actiongate.testing.Gates;
import dev.actiongate.testing.HttpTransport;
import dev.actiongate.testing.TestIdentityProvider;
import dev.actiongate.testing.Transport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every service ActionGate waits on, answering only after {@link #DELAY}, with the timeouts set to
 * {@link #TIMEOUT}: the caller hears promptly, long before the late answer, in words it can repeat.
 */
class UpstreamTimeoutsTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final Duration DELAY = Duration.ofSeconds(6);
    /** The timeout, a retry where the client makes one, and the test's own overhead. */
    private static final Duration PROMPT = Duration.ofMillis(3_000);

    /** The settings under test: every upstream timeout at {@link #TIMEOUT}. */
    @RegisterExtension
    static final Gates gates = Gates.withProvider()
            .with("actiongate.idp.http-timeout", TIMEOUT.toMillis() + "ms")
            .with("actiongate.github.connect-timeout", TIMEOUT.toMillis() + "ms")
            .with("actiongate.github.read-timeout", TIMEOUT.toMillis() + "ms");

    private static WireMockServer slow;

    private final TestIdentityProvider idp = gates.provider();

    @BeforeAll
    static void start() {
        slow = new WireMockServer(wireMockConfig().dynamicPort());
        slow.start();
        slow.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay((int) DELAY.toMillis())
                .withHeader("Content-Type", "application/json").withBody("{}")));
    }

    @AfterAll
    static void stop() {
        slow.stop();
    }

    @Test
    void aSlowProviderTokenEndpointIs504TemporarilyUnavailable() {
        try (HttpTransport gate = gate(Map.of("actiongate.idp.token-endpoint", slow.baseUrl() + "/token"))) {
            ChatGptAndBrowser chatGpt = new ChatGptAndBrowser(gate, idp);

            Transport.Answer answer = prompt(() -> chatGpt.refreshWithBasic("a-refresh-token"));

            assertEquals(504, answer.status(), answer.body());
            assertEquals(Map.of("error", "temporarily_unavailable", "error_description", "The identity provider did not answer in time."),
                    ChatGptAndBrowser.json(answer));
            assertEquals("no-store", answer.header("cache-control"));
        }
    }

    @Test
    void aSlowDiscoveryDocumentSendsTheGptBackWithTemporarilyUnavailable() {
        try (HttpTransport gate = gate(Map.of("actiongate.idp.issuer", slow.baseUrl() + "/slow-issuer"))) {
            Transport.Answer answer = prompt(() -> gate.get("/authorize?" + ChatGptAndBrowser.form(Map.of("response_type", "code",
                    "client_id", TestIdentityProvider.GPT_CLIENT_ID, "redirect_uri", TestIdentityProvider.GPT_REDIRECT_URI,
                    "scope", "workflows:read", "state", "s1")), Map.of("accept", "text/html")));

            assertEquals(302, answer.status(), answer.body());
            String location = answer.header("location");
            assertTrue(location.startsWith(TestIdentityProvider.GPT_REDIRECT_URI + "?"), location);
            Map<String, String> error = ChatGptAndBrowser.parse(java.net.URI.create(location).getRawQuery());
            assertEquals("temporarily_unavailable", error.get("error"));
            assertEquals("s1", error.get("state"));
            assertTrue(error.get("error_description").contains("try again"), error.get("error_description"));
        }
    }

    @Test
    void aSlowKeySetIs503ForTheApiNotASignInProblem() {
        try (HttpTransport gate = gate(Map.of("actiongate.idp.jwks-url", slow.baseUrl() + "/jwks"))) {
            String token = idp.accessToken("alice", "workflows:read");

            Transport.Answer answer = prompt(() -> gate.get("/api/me", Map.of("authorization", "Bearer " + token)));

            assertEquals(503, answer.status(), answer.body());
            Map<String, Object> body = ChatGptAndBrowser.json(answer);
            assertEquals("identity_provider_unavailable", body.get("error"), answer.body());
            assertTrue(((String) body.get("message")).contains("try again"), answer.body());
            assertFalse(answer.body().contains("Exception"), answer.body());
        }
    }

    @Test
    void aSlowGithubIs504GithubTimeout() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("actiongate.github.token", "ghp_test_token_0123456789");
        settings.put("actiongate.github.api-url", slow.baseUrl());
        settings.put("actiongate.github.repositories", "acme/web");
        try (HttpTransport gate = gate(settings)) {
            String token = idp.accessToken("bob", "workflows:read");

            Transport.Answer answer = prompt(() -> gate.get("/api/runs/7?repo=acme/web", Map.of("authorization", "Bearer " + token)));

            assertEquals(504, answer.status(), answer.body());
            assertEquals(Map.of("error", "github_timeout", "message", "GitHub did not answer in time; try again in a moment."),
                    ChatGptAndBrowser.json(answer));
        }
    }

    /** A gate of the test's own on the settings under test, one upstream pointed at the slow server. */
    private static HttpTransport gate(Map<String, Object> overrides) {
        Map<String, Object> settings = new LinkedHashMap<>(gates.settings());
        settings.putAll(overrides);
        return new HttpTransport(settings);
    }

    private static Transport.Answer prompt(Supplier<Transport.Answer> call) {
        long started = System.nanoTime();
        Transport.Answer answer = call.get();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(PROMPT) < 0, "answered after " + took.toMillis() + " ms; the upstream answers after " + DELAY.toMillis());
        return answer;
    }
}
