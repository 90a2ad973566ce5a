package dev.actiongate.telemetry;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.actiongate.bench.HandlerBenchmarks;
import dev.actiongate.testing.CapturedOutput;
import dev.actiongate.testing.ChatGptAndBrowser;
import dev.actiongate.testing.DynamoDbProxy;
import dev.actiongate.testing.HttpTransport;
import dev.actiongate.testing.LambdaTransport;
import dev.actiongate.testing.TestIdentityProvider;
import dev.actiongate.testing.Transport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an operator reads after a sign-in and an API call, through the Lambda handler and over HTTP: every log line
 * one JSON object with the fields the Logs Insights queries use, an access line per request with the route
 * template, one line per OAuth step, and the metrics as CloudWatch Embedded Metric Format documents.
 */
class TelemetryTest {

    private static final Pattern RFC_3339_MILLIS_UTC = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    private static final List<String> STARTUP = List.of("dev.actiongate.upstream.ProviderDiscovery", "dev.actiongate.security.KeyPrefetch");
    private static final List<String> ALWAYS = List.of("timestamp", "level", "logger", "message", "function");

    private static TestIdentityProvider idp;

    @BeforeAll
    static void start() {
        idp = TestIdentityProvider.withSignInPage();
    }

    @AfterAll
    static void stop() {
        idp.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HTTP", "Lambda"})
    void everyLineOfASignInAndAnApiCallIsOneJsonObjectWithTheFieldsTheQueriesUse(String transport) {
        List<Map<String, Object>> lines;
        String code;
        Map<String, Object> tokens;
        try (Transport gate = start(transport, idp.settings()); CapturedOutput out = new CapturedOutput()) {
            ChatGptAndBrowser chatGpt = new ChatGptAndBrowser(gate, idp);
            code = chatGpt.signIn("olga@example.com", "workflows:read", "telemetry-state").code();
            tokens = ChatGptAndBrowser.json(chatGpt.redeemWithPost(code));
            assertEquals(200, gate.get("/api/me", bearer(tokens)).status());
            gate.get("/api/runs/424242?repo=acme%2Fweb", bearer(tokens));
            lines = out.parsedLines();
            for (String line : out.lines()) {
                assertFalse(line.contains(code), "no code in " + line);
                assertFalse(line.contains((String) tokens.get("access_token")), "no token in " + line);
                assertFalse(line.contains("424242"), "no raw path in " + line);
                assertFalse(line.contains("telemetry-state"), "no state in " + line);
            }
        }

        assertTrue(lines.size() >= 6, "lines: " + lines);
        for (Map<String, Object> line : lines) {
            for (String field : ALWAYS) {
                assertNotNull(line.get(field), field + " in " + line);
            }
            assertTrue(RFC_3339_MILLIS_UTC.matcher((String) line.get("timestamp")).matches(), line.toString());
            assertTrue(List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR").contains(line.get("level")), line.toString());
            // Discovery and the key set may be fetched at start-up, off any request, while the capture runs.
            if (((String) line.get("logger")).startsWith("dev.actiongate") && !STARTUP.contains(line.get("logger"))) {
                assertNotNull(line.get("requestId"), "requestId in " + line);
            }
        }
        List<Map<String, Object>> access = lines.stream().filter(line -> "dev.actiongate.access".equals(line.get("logger"))).toList();
        Map<String, Object> me = one(access, "route", "/api/me");
        assertEquals("request", me.get("message"));
        assertEquals("GET", me.get("method"));
        assertEquals("getMe", me.get("operation"));
        assertEquals(200, me.get("status"));
        assertInstanceOf(Integer.class, me.get("latencyMs"));
        assertEquals("olga@example.com", me.get("subject"), "the token's sub (the test provider's sub is the name signed in with)");
        assertEquals("gpt", me.get("face"));
        Map<String, Object> run = one(access, "route", "/api/runs/{runId}");
        assertEquals("getRun", run.get("operation"));
        assertEquals("authorize", one(access, "route", "/authorize").get("operation"));
        assertEquals("callback", one(access, "route", "/oauth/callback").get("operation"));
        assertEquals("token", one(access, "route", "/token").get("operation"));
        assertEquals(200, one(access, "route", "/token").get("status"));

        List<Map<String, Object>> signIn = lines.stream().filter(line -> "dev.actiongate.signin".equals(line.get("logger"))).toList();
        assertEquals("gpt", one(signIn, "step", "authorize").get("clientKind"));
        assertEquals("redirected", one(signIn, "step", "authorize").get("outcome"));
        assertEquals("code_issued", one(signIn, "step", "callback").get("outcome"));
        Map<String, Object> token = one(signIn, "step", "token");
        assertEquals(List.of("ok", "authorization_code", "gpt"), List.of(token.get("outcome"), token.get("grant"), token.get("clientKind")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HTTP", "Lambda"})
    void theSignInsAndCallsAreCountedAsEmbeddedMetricFormat(String transport) {
        List<Map<String, Object>> documents;
        try (Transport gate = start(transport, idp.settings()); CapturedOutput out = new CapturedOutput()) {
            ChatGptAndBrowser chatGpt = new ChatGptAndBrowser(gate, idp);
            String code = chatGpt.signIn("piet@example.com", "workflows:read", "s").code();
            Map<String, Object> tokens = ChatGptAndBrowser.json(chatGpt.redeemWithPost(code));
            assertEquals(200, chatGpt.redeemWithPost(code).status(), "the repeat gets the first answer");
            assertEquals(200, gate.get("/api/me", bearer(tokens)).status());
            documents = out.metricDocuments();
        }

        documents.forEach(TelemetryTest::assertEmf);
        assertCounted(documents, "SignInStarted", Map.of("ClientKind", "gpt"));
        assertCounted(documents, "SignInCompleted", Map.of("ClientKind", "gpt"));
        assertCounted(documents, "TokenExchange", Map.of("Grant", "authorization_code", "Outcome", "ok"));
        assertCounted(documents, "ReplayServed", Map.of("Grant", "authorization_code"));
        assertCounted(documents, "Call", Map.of("Face", "gpt", "Operation", "getMe", "StatusClass", "2xx"));
        // also under fewer dimensions, the one series each the rate alarms read
        assertPublishedUnder(documents, "Call", List.of(List.of("Function", "Face", "Operation", "StatusClass"),
                List.of("Function", "StatusClass"), List.of("Function")));
        assertPublishedUnder(documents, "SignInStarted", List.of(List.of("Function", "ClientKind"), List.of("Function")));
        assertPublishedUnder(documents, "TokenExchange", List.of(List.of("Function", "Grant", "Outcome")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HTTP", "Lambda"})
    void aCallWithoutATokenIsCountedAsRefusedForAMissingToken(String transport) {
        List<Map<String, Object>> documents;
        Map<String, Object> access;
        try (Transport gate = start(transport, idp.settings()); CapturedOutput out = new CapturedOutput()) {
            assertEquals(401, gate.get("/api/me").status());
            documents = out.metricDocuments();
            access = one(out.parsedLines().stream().filter(line -> "dev.actiongate.access".equals(line.get("logger"))).toList(),
                    "route", "/api/me");
        }

        assertCounted(documents, "Refused", Map.of("Status", "401", "Reason", "missing_token"));
        assertCounted(documents, "Call", Map.of("Face", "gpt", "Operation", "getMe", "StatusClass", "4xx"));
        assertEquals(401, access.get("status"));
        assertFalse(access.containsKey("subject"), "no subject without a valid token");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HTTP", "Lambda"})
    void refusedSignInStepsAreCountedAsSignInFailedByReason(String transport) {
        List<Map<String, Object>> documents;
        List<Map<String, Object>> signIn;
        List<String> lines;
        try (Transport gate = start(transport, idp.settings()); CapturedOutput out = new CapturedOutput()) {
            String redirect = java.net.URLEncoder.encode(TestIdentityProvider.GPT_REDIRECT_URI, java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(302, gate.get("/authorize?response_type=token&client_id=" + TestIdentityProvider.GPT_CLIENT_ID
                    + "&redirect_uri=" + redirect + "&state=refused-state-77").status());
            assertEquals(400, gate.get("/oauth/callback?code=upstream-code-55&state=not-a-sealed-state-66").status());
            documents = out.metricDocuments();
            signIn = out.parsedLines().stream().filter(line -> "dev.actiongate.signin".equals(line.get("logger"))).toList();
            lines = out.lines();
        }

        assertCounted(documents, "SignInFailed", Map.of("Reason", "unsupported_response_type"));
        assertCounted(documents, "SignInFailed", Map.of("Reason", "invalid_request"));
        Map<String, Object> authorize = one(signIn, "step", "authorize");
        assertEquals(List.of("refused", "unsupported_response_type"), List.of(authorize.get("outcome"), authorize.get("reason")));
        Map<String, Object> callback = one(signIn, "step", "callback");
        assertEquals(List.of("refused", "invalid_request"), List.of(callback.get("outcome"), callback.get("reason")));
        for (String line : lines) {
            for (String secret : List.of("refused-state-77", "upstream-code-55", "not-a-sealed-state-66")) {
                assertFalse(line.contains(secret), "no query value in " + line);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HTTP", "Lambda"})
    void anMcpToolCallIsCountedByItsOperation(String transport) {
        List<Map<String, Object>> documents;
        Map<String, Object> access;
        try (Transport gate = start(transport, idp.settings()); CapturedOutput out = new CapturedOutput()) {
            Transport.Answer answer = gate.post("/mcp", Map.of("authorization", "Bearer " + idp.accessToken("mia", "workflows:read"),
                    "content-type", "application/json", "accept", "application/json, text/event-stream"), HandlerBenchmarks.TOOLS_CALL_GET_ME);
            assertEquals(200, answer.status(), answer.body());
            documents = out.metricDocuments();
            access = one(out.parsedLines().stream().filter(line -> "dev.actiongate.access".equals(line.get("logger"))).toList(),
                    "route", "/mcp");
        }

        assertCounted(documents, "Call", Map.of("Face", "mcp", "Operation", "getMe", "StatusClass", "2xx"));
        assertEquals(List.of("POST", "getMe", "mcp", "mia"), List.of(access.get("method"), access.get("operation"), access.get("face"),
                access.get("subject")));
    }

    @Test
    void theLocalServersTextLinesAreReadable() {
        JsonLogEncoder text = new JsonLogEncoder();
        text.setFormat("text");
        text.start();
        ch.qos.logback.classic.LoggerContext context = (ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.spi.LoggingEvent event = new ch.qos.logback.classic.spi.LoggingEvent("x",
                context.getLogger("dev.actiongate.access"), ch.qos.logback.classic.Level.INFO, "request", null, null);
        event.addKeyValuePair(new org.slf4j.event.KeyValuePair("route", "/api/me"));
        event.addKeyValuePair(new org.slf4j.event.KeyValuePair("status", 200));

        String line = new String(text.encode(event), java.nio.charset.StandardCharsets.UTF_8);
        // The access line names the request id itself, and the MDC holds it too: the text shows it once.
        org.slf4j.MDC.put(RequestIds.MDC_KEY, "r-1");
        String withRequestId;
        try {
            ch.qos.logback.classic.spi.LoggingEvent inRequest = new ch.qos.logback.classic.spi.LoggingEvent("x",
                    context.getLogger("dev.actiongate.access"), ch.qos.logback.classic.Level.INFO, "request", null, null);
            inRequest.addKeyValuePair(new org.slf4j.event.KeyValuePair(RequestIds.MDC_KEY, "r-1"));
            withRequestId = new String(text.encode(inRequest), java.nio.charset.StandardCharsets.UTF_8);
        } finally {
            org.slf4j.MDC.remove(RequestIds.MDC_KEY);
        }

        assertTrue(line.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  access - request route=/api/me status=200\n"), line);
        assertEquals(1, withRequestId.split("requestId=", -1).length - 1, "the request id once: " + withRequestId);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HTTP", "Lambda"})
    void onlyTheFirstRequestOfAnInstanceIsAColdStart(String transport) {
        List<Map<String, Object>> access;
        List<Map<String, Object>> documents;
        try (CapturedOutput out = new CapturedOutput(); Transport gate = start(transport, idp.settings())) {
            gate.get("/openapi.json");
            gate.get("/openapi.json");
            gate.get("/api/me");
            access = out.parsedLines().stream().filter(line -> "dev.actiongate.access".equals(line.get("logger"))).toList();
            documents = out.metricDocuments();
        }

        assertEquals(3, access.size(), access.toString());
        assertEquals(true, access.get(0).get("coldStart"));
        assertFalse(access.get(1).containsKey("coldStart"), access.get(1).toString());
        assertFalse(access.get(2).containsKey("coldStart"), access.get(2).toString());
        assertEquals(1, documents.stream().filter(document -> document.containsKey("ColdStart")).count(), documents.toString());
        assertCounted(documents, "ColdStart", Map.of("Function", "all"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HTTP", "Lambda"})
    void anUnreachableTableIsCountedAsATableFailureAndLogged(String transport) {
        List<Map<String, Object>> documents;
        List<Map<String, Object>> lines;
        try (DynamoDbProxy table = DynamoDbProxy.startingUnreachable(); CapturedOutput out = new CapturedOutput();
             Transport gate = start(transport, table.settings(idp.settings()))) {
            assertEquals(200, gate.get("/api/me", Map.of("authorization", "Bearer " + idp.accessToken("tess", "workflows:read"))).status(),
                    "metering fails open for getMe");
            documents = out.metricDocuments();
            lines = out.parsedLines();
        }

        assertCounted(documents, "TableFailure", Map.of("Store", "usage"));
        // The request's own metering write fails first; the background writer may fail once more after it, off the request.
        Map<String, Object> failed = lines.stream().filter(line -> "DynamoDB call failed".equals(line.get("message"))).findFirst()
                .orElseThrow(() -> new AssertionError("no table failure in " + lines));
        assertEquals(List.of("WARN", "usage"), List.of(failed.get("level"), failed.get("store")));
        assertNotNull(failed.get("requestId"), "logged in the request: " + failed);
    }

    @Test
    void githubsOutageIsCountedAsAGithubErrorAndLoggedAndItsRemainingRequestsRecorded() {
        WireMockServer github = new WireMockServer(wireMockConfig().dynamicPort());
        github.start();
        List<Map<String, Object>> documents;
        List<Map<String, Object>> lines;
        try {
            github.stubFor(get(urlPathEqualTo("/api/v3/repos/acme/web/actions/workflows")).willReturn(aResponse().withStatus(503)
                    .withHeader("x-ratelimit-remaining", "4321").withHeader("x-ratelimit-reset", "4102444800")));
            Map<String, Object> settings = new LinkedHashMap<>(idp.settings());
            settings.put("actiongate.github.token", "ghp_telemetry_test_0123456789");
            settings.put("actiongate.github.api-url", github.baseUrl() + "/api/v3");
            settings.put("actiongate.github.repositories", "acme/web");
            try (Transport gate = start("HTTP", settings); CapturedOutput out = new CapturedOutput()) {
                Transport.Answer answer = gate.get("/api/workflows?repo=acme/web",
                        Map.of("authorization", "Bearer " + idp.accessToken("gwen", "workflows:read")));
                assertEquals(502, answer.status(), answer.body());
                documents = out.metricDocuments();
                lines = out.parsedLines();
            }
        } finally {
            github.stop();
        }

        assertCounted(documents, "GithubError", Map.of("Reason", "unavailable"));
        assertCounted(documents, "GithubRateLimitRemaining", Map.of());
        assertTrue(documents.stream().anyMatch(document -> Double.valueOf(4321).equals(document.get("GithubRateLimitRemaining"))), documents.toString());
        assertCounted(documents, "Call", Map.of("Face", "gpt", "Operation", "listWorkflows", "StatusClass", "5xx"));
        Map<String, Object> failed = lines.stream().filter(line -> "dev.actiongate.devops.github.Github".equals(line.get("logger"))).findFirst().orElseThrow();
        assertEquals("WARN", failed.get("level"));
        assertNotNull(failed.get("requestId"), failed.toString());
    }

    /**
     * The access line is written straight to stdout as JSON, and through Logback's encoder when the format is text
     * (Logback was configured for JSON when this JVM started, so both come out as JSON here): the same fields either way.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HTTP", "Lambda"})
    void theAccessLineHasTheSameFieldsWrittenDirectlyAsJsonAndThroughLogbackForText(String transport) {
        Map<String, Map<String, Object>> byFormat = new LinkedHashMap<>();
        for (String format : List.of("json", "text")) {
            Map<String, Object> settings = new LinkedHashMap<>(idp.settings());
            settings.put("actiongate.log.format", format);
            try (Transport gate = start(transport, settings); CapturedOutput out = new CapturedOutput()) {
                assertEquals(200, gate.get("/api/me", Map.of("authorization", "Bearer " + idp.accessToken("tom", "workflows:read"))).status());
                byFormat.put(format, one(out.parsedLines(), "logger", "dev.actiongate.access"));
            }
        }

        Map<String, Object> json = byFormat.get("json");
        Map<String, Object> text = byFormat.get("text");
        assertEquals(List.copyOf(json.keySet()), List.copyOf(text.keySet()), "same fields, same order");
        for (String field : List.of("level", "logger", "message", "function", "method", "route", "operation", "status", "subject", "face")) {
            assertEquals(json.get(field), text.get(field), field);
        }
        assertNotNull(json.get("requestId"));
    }

    @Test
    void aBadLogFormatStopsStartUpNamingTheSetting() {
        Map<String, Object> settings = new LinkedHashMap<>(idp.settings());
        settings.put("actiongate.log.format", "xml");
        RuntimeException refused = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> new HttpTransport(settings).close());
        String message = dev.actiongate.config.StartupFailure.invalidSetting(refused).map(Throwable::getMessage).orElse(refused.toString());
        assertEquals("Setting actiongate.log.format (ACTIONGATE_LOG_FORMAT) is xml: use json or text", message);
    }

    // --- helpers

    static Transport start(String transport, Map<String, Object> settings) {
        return transport.equals("Lambda") ? new LambdaTransport(settings) : new HttpTransport(settings);
    }

    static Map<String, String> bearer(Map<String, Object> tokens) {
        return Map.of("authorization", "Bearer " + tokens.get("access_token"));
    }

    static Map<String, Object> one(List<Map<String, Object>> lines, String field, Object value) {
        List<Map<String, Object>> found = lines.stream().filter(line -> value.equals(line.get(field))).toList();
        assertEquals(1, found.size(), field + "=" + value + " in " + lines);
        return found.getFirst();
    }

    /** The EMF envelope: _aws with Timestamp and CloudWatchMetrics, each declared metric a top-level value. */
    @SuppressWarnings("unchecked")
    static void assertEmf(Map<String, Object> document) {
        Map<String, Object> aws = (Map<String, Object>) document.get("_aws");
        assertNotNull(aws, document.toString());
        assertInstanceOf(Long.class, ((Number) aws.get("Timestamp")).longValue());
        List<Map<String, Object>> directives = (List<Map<String, Object>>) aws.get("CloudWatchMetrics");
        assertEquals(1, directives.size());
        Map<String, Object> directive = directives.getFirst();
        assertEquals("ActionGate", directive.get("Namespace"));
        List<List<String>> dimensions = (List<List<String>>) directive.get("Dimensions");
        assertFalse(dimensions.isEmpty(), document.toString());
        for (List<String> set : dimensions) {
            assertEquals("Function", set.getFirst(), document.toString());
            assertTrue(dimensions.getFirst().containsAll(set), "a rollup is part of the first set: " + document);
            for (String dimension : set) {
                assertInstanceOf(String.class, document.get(dimension), dimension + " in " + document);
            }
        }
        List<Map<String, Object>> metrics = (List<Map<String, Object>>) directive.get("Metrics");
        assertFalse(metrics.isEmpty());
        for (Map<String, Object> metric : metrics) {
            assertNotNull(document.get((String) metric.get("Name")), metric + " in " + document);
            assertNotNull(metric.get("Unit"));
        }
    }

    /** The dimension sets the documents of this metric declare (the alarms read the rollups). */
    @SuppressWarnings("unchecked")
    static void assertPublishedUnder(List<Map<String, Object>> documents, String metric, List<List<String>> sets) {
        List<Object> declared = documents.stream().filter(document -> document.containsKey(metric))
                .map(document -> ((List<Map<String, Object>>) ((Map<String, Object>) document.get("_aws")).get("CloudWatchMetrics")).getFirst()
                        .get("Dimensions"))
                .distinct().toList();
        assertEquals(List.of(sets), declared, metric);
    }

    @SuppressWarnings("unchecked")
    static void assertCounted(List<Map<String, Object>> documents, String metric, Map<String, String> dimensions) {
        boolean found = documents.stream().anyMatch(document -> {
            Map<String, Object> directive = ((List<Map<String, Object>>) ((Map<String, Object>) document.get("_aws")).get("CloudWatchMetrics")).getFirst();
            List<String> declared = ((List<List<String>>) directive.get("Dimensions")).getFirst();
            return document.containsKey(metric)
                    && ((List<Map<String, Object>>) directive.get("Metrics")).stream().anyMatch(m -> metric.equals(m.get("Name")))
                    && declared.size() == dimensions.size() + (dimensions.containsKey("Function") ? 0 : 1)
                    && dimensions.entrySet().stream().allMatch(d -> declared.contains(d.getKey()) && d.getValue().equals(document.get(d.getKey())));
        });
        assertTrue(found, metric + " " + dimensions + " in " + documents);
    }
}
