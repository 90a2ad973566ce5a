package dev.actiongate.lambda;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.actiongate.config.Secrets;
import dev.actiongate.dynamodb.TableBreaker;
import dev.actiongate.testing.CapturedOutput;
import dev.actiongate.testing.ChatGptAndBrowser;
import dev.actiongate.testing.DynamoDbProxy;
import dev.actiongate.testing.HttpTransport;
import dev.actiongate.testing.LambdaHandler;
import dev.actiongate.testing.LambdaTransport;
import dev.actiongate.testing.MutableClock;
import dev.actiongate.testing.SsmStub;
import dev.actiongate.testing.TestIdentityProvider;
import dev.actiongate.testing.Transport;
import io.micronaut.crac.test.CheckpointSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What happens around a SnapStart snapshot: priming before it, refreshing after a restore. */
class SnapStartTest {

    private final List<String> systemProperties = new ArrayList<>();

    @AfterEach
    void clear() {
        systemProperties.forEach(System::clearProperty);
    }

    @Test
    void primingSendsEveryKindOfRequestThroughTheLiveHandlerWithoutReachingOut() {
        try (TestIdentityProvider idp = new TestIdentityProvider(); LambdaHandler handler = new LambdaHandler(idp.settings())) {
            List<Integer> statuses = handler.function().prime();

            assertEquals(List.of(200, 200, 401, 401, 200, 200, 400, 401, 400, 400), statuses,
                    "openapi, resource metadata, a refused token on each face, the MCP resource metadata, AS metadata, a refused authorize,"
                            + " a refused client, a refused registration, a refused consent answer");
        }
    }

    /** Priming requests are no one's: no access line, no sign-in line, no metric; the first request after them is the cold start. */
    @Test
    void primingCountsNothingAndTheFirstRequestAfterItIsTheColdStart() {
        try (TestIdentityProvider idp = new TestIdentityProvider(); LambdaTransport gate = new LambdaTransport(idp.settings());
             CapturedOutput out = new CapturedOutput()) {
            gate.function().prime();
            List<Map<String, Object>> primed = out.parsedLines();
            List<String> primedMetrics = out.rawMetricDocuments();

            assertEquals(200, gate.get("/openapi.json").status());

            assertTrue(primed.stream().noneMatch(line -> "dev.actiongate.access".equals(line.get("logger"))
                    || "dev.actiongate.signin".equals(line.get("logger"))), primed.toString());
            assertEquals(List.of(), primedMetrics);
            List<Map<String, Object>> access = out.parsedLines().stream().filter(line -> "dev.actiongate.access".equals(line.get("logger"))).toList();
            assertEquals(1, access.size(), access.toString());
            assertEquals(true, access.getFirst().get("coldStart"));
            assertTrue(out.rawMetricDocuments().stream().anyMatch(document -> document.contains("\"ColdStart\"")), out.rawMetricDocuments().toString());
        }
    }

    /**
     * The table's calls are run before the snapshot too, so a restored copy's first metered call finds the
     * SDK's code loaded; none of them opens a connection or moves the breaker.
     */
    @Test
    void primingRunsTheTablesCallsWithoutConnectingOrTrippingTheBreaker() {
        try (TestIdentityProvider idp = new TestIdentityProvider(); DynamoDbProxy table = DynamoDbProxy.startingUp();
             LambdaTransport gate = new LambdaTransport(table.settings(idp.settings()))) {
            gate.function().prime();

            TableBreaker breaker = gate.context().getBean(TableBreaker.class);
            assertTrue(breaker.callsPrimed() >= 6, "the table's calls ran up to the wire: " + breaker.callsPrimed());
            assertEquals(0, table.connections(), "no table call left the function");
            assertEquals(List.of(false, 0L, 0L), List.of(breaker.isOpen(), breaker.timesOpened(), breaker.callsSkipped()));
            Transport.Answer me = gate.get("/api/me", Map.of("authorization", "Bearer " + idp.accessToken("primed", "")));
            assertEquals(200, me.status(), me.body());
            assertTrue(table.connections() > 0, "the first real call reaches the table");
        }
    }

    @Test
    void aCopyRestoredLongAfterTheSnapshotReadsItsSecretsAgainAndUsesThemAtOnce() {
        WireMockServer wire = new WireMockServer(wireMockConfig().dynamicPort());
        wire.start();
        SsmStub ssm = ssmFor(wire);
        try (TestIdentityProvider idp = new TestIdentityProvider()) {
            try (HttpTransport gate = new HttpTransport(withMutableClock(idp))) {
                MutableClock clock = gate.server().context().getBean(MutableClock.class);
                CheckpointSimulator snapStart = gate.server().context().getBean(CheckpointSimulator.class);
                snapStart.runBeforeCheckpoint();
                ssm.parameters("/actiongate/prod/oauth", List.of(List.of(
                        Map.entry("/actiongate/prod/oauth/gpt-client-secret", "rotated-gpt-secret"),
                        Map.entry("/actiongate/prod/oauth/idp-client-secret", "rotated-idp-secret"),
                        Map.entry("/actiongate/prod/oauth/state-key", "c3RhdGUta2V5LXJvdGF0ZWQtMzItYnl0ZXMtbG9uZyE="))));

                clock.set(Instant.now().plusSeconds(60));
                snapStart.runAfterRestore();
                assertEquals(0, wire.getAllServeEvents().size(), "restored within the max age: the snapshot's secrets are fresh enough");
                assertEquals(TestIdentityProvider.GPT_CLIENT_SECRET, gate.server().context().getBean(Secrets.class).requiredGptClientSecret().reveal());

                clock.set(Instant.now().plusSeconds(3_600));
                snapStart.runAfterRestore();

                assertEquals(1, wire.getAllServeEvents().size());
                Map<String, String> redeem = Map.of("grant_type", "authorization_code", "code", "not-a-code",
                        "redirect_uri", TestIdentityProvider.GPT_REDIRECT_URI, "client_id", TestIdentityProvider.GPT_CLIENT_ID);
                ChatGptAndBrowser gpt = new ChatGptAndBrowser(gate, idp);
                Transport.Answer withOldSecret = gpt.token(Map.of(), withSecret(redeem, TestIdentityProvider.GPT_CLIENT_SECRET));
                Transport.Answer withNewSecret = gpt.token(Map.of(), withSecret(redeem, "rotated-gpt-secret"));
                assertEquals(List.of(401, 400), List.of(withOldSecret.status(), withNewSecret.status()));
                assertEquals("invalid_grant", ChatGptAndBrowser.json(withNewSecret).get("error"), "past client authentication");
            }
        } finally {
            wire.stop();
        }
    }

    @Test
    void aCopyRestoredWithAMalformedSecretInSsmKeepsEverySecretOfTheSnapshot() {
        WireMockServer wire = new WireMockServer(wireMockConfig().dynamicPort());
        wire.start();
        SsmStub ssm = ssmFor(wire);
        try (TestIdentityProvider idp = new TestIdentityProvider()) {
            try (HttpTransport gate = new HttpTransport(withMutableClock(idp))) {
                MutableClock clock = gate.server().context().getBean(MutableClock.class);
                CheckpointSimulator snapStart = gate.server().context().getBean(CheckpointSimulator.class);
                snapStart.runBeforeCheckpoint();
                ssm.parameters("/actiongate/prod/oauth", List.of(List.of(
                        Map.entry("/actiongate/prod/oauth/gpt-client-secret", "rotated-gpt-secret"),
                        Map.entry("/actiongate/prod/oauth/idp-client-secret", "rotated-idp-secret"),
                        Map.entry("/actiongate/prod/oauth/state-key", "c2hvcnQ="))));

                clock.set(Instant.now().plusSeconds(3_600));
                snapStart.runAfterRestore();

                assertEquals(1, wire.getAllServeEvents().size());
                Map<String, String> redeem = Map.of("grant_type", "authorization_code", "code", "not-a-code",
                        "redirect_uri", TestIdentityProvider.GPT_REDIRECT_URI, "client_id", TestIdentityProvider.GPT_CLIENT_ID);
                ChatGptAndBrowser gpt = new ChatGptAndBrowser(gate, idp);
                Transport.Answer withOldSecret = gpt.token(Map.of(), withSecret(redeem, TestIdentityProvider.GPT_CLIENT_SECRET));
                Transport.Answer withNewSecret = gpt.token(Map.of(), withSecret(redeem, "rotated-gpt-secret"));
                assertEquals(List.of(400, 401), List.of(withOldSecret.status(), withNewSecret.status()),
                        "the snapshot's client secret still authenticates, the half-read set was not applied");
            }
        } finally {
            wire.stop();
        }
    }

    private static Map<String, String> withSecret(Map<String, String> parameters, String secret) {
        Map<String, String> all = new LinkedHashMap<>(parameters);
        all.put("client_secret", secret);
        return all;
    }

    /** The bridge's SSM folder on this WireMock, as the handler reads it at a cold start and after a late restore. */
    private SsmStub ssmFor(WireMockServer wire) {
        property("actiongate.ssm.path", "/actiongate/prod/oauth");
        property("actiongate.ssm.endpoint", wire.baseUrl());
        property("aws.region", "eu-west-1");
        property("aws.accessKeyId", SsmStub.ACCESS_KEY);
        property("aws.secretAccessKey", "test-secret-key");
        return new SsmStub(wire);
    }

    private static Map<String, Object> withMutableClock(TestIdentityProvider idp) {
        Map<String, Object> settings = new LinkedHashMap<>(idp.settings());
        settings.put("actiongate.test.clock", "mutable");
        return settings;
    }

    private void property(String name, String value) {
        System.setProperty(name, value);
        systemProperties.add(name);
    }
}
