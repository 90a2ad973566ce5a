package dev.actiongate.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.actiongate.dynamodb.TableLayout;
import dev.actiongate.testing.ChatGptAndBrowser;
import dev.actiongate.testing.Gates;
import dev.actiongate.testing.HttpFront;
import dev.actiongate.testing.LocalDynamoDb;
import dev.actiongate.testing.McpClients;
import dev.actiongate.testing.TestIdentityProvider;
import dev.actiongate.testing.Transport;
import dev.actiongate.web.ErrorCode;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MCP face as an MCP host sees it, through the official SDK's client, against the local server and
 * through the Lambda handler: the tools it lists, and each tool's call giving what the same REST call
 * gives, counted and audited as the MCP face's.
 */
class McpToolsTest {

    private static final String BASE = "/api/v3/repos/acme/web";
    private static final String ALL_SCOPES = "workflows:read workflows:trigger deployments:read logs:read analytics:read";

    private static final WireMockServer github = new WireMockServer(wireMockConfig().dynamicPort());

    @RegisterExtension
    static final Gates gates = Gates.withProvider()
            .with("actiongate.function", "api")
            .with("actiongate.github.token", "ghp_test_token_0123456789")
            .with("actiongate.github.api-url", () -> github.baseUrl() + "/api/v3")
            .with("actiongate.github.repositories", "acme/web")
            .with("actiongate.usage.daily-quota.tiny", "2")
            .with("actiongate.usage.call-timeout", "2s");

    private static HttpFront lambdaFront;
    private static DynamoDbClient dynamoDb;

    private final TestIdentityProvider idp = gates.provider();
    private String person;

    @BeforeAll
    static void start() {
        github.start();
        dynamoDb = LocalDynamoDb.shared().client();
    }

    @AfterAll
    static void stop() {
        if (lambdaFront != null) {
            lambdaFront.close();
        }
        github.stop();
        dynamoDb.close();
    }

    @BeforeEach
    void stubGithub() {
        person = "mcp-" + UUID.randomUUID();
        github.resetAll();
        github.stubFor(get(urlPathEqualTo(BASE + "/actions/workflows")).willReturn(okJson("""
                {"total_count": 1, "workflows": [{"id": 161335, "name": "Deploy", "path": ".github/workflows/deploy.yml", "state": "active",
                  "html_url": "https://github.com/acme/web/blob/main/.github/workflows/deploy.yml"}]}""")));
        github.stubFor(post(urlPathEqualTo(BASE + "/actions/workflows/deploy.yml/dispatches")).willReturn(okJson("""
                {"workflow_run_id": 42, "run_url": "https://api.github.com/repos/acme/web/actions/runs/42",
                 "html_url": "https://github.com/acme/web/actions/runs/42"}""")));
        github.stubFor(get(urlPathEqualTo(BASE + "/actions/runs")).willReturn(okJson("{\"total_count\": 1, \"workflow_runs\": [" + run() + "]}")));
        github.stubFor(get(urlPathEqualTo(BASE + "/actions/runs/42")).willReturn(okJson(run())));
        github.stubFor(get(urlPathEqualTo(BASE + "/actions/runs/42/jobs")).willReturn(okJson("""
                {"total_count": 1, "jobs": [{"id": 7, "run_id": 42, "name": "test", "status": "completed", "conclusion": "failure",
                  "started_at": "2026-11-24T10:02:10Z", "completed_at": "2026-11-24T10:05:40Z",
                  "steps": [{"name": "Run tests", "status": "completed", "conclusion": "failure", "number": 1,
                             "started_at": "2026-11-24T10:02:12Z", "completed_at": "2026-11-24T10:05:40Z"}]}]}""")));
        github.stubFor(get(urlPathEqualTo(BASE + "/actions/jobs/7/logs")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", github.baseUrl() + "/blob/job-7.txt")));
        github.stubFor(get(urlPathEqualTo("/blob/job-7.txt")).willReturn(aResponse().withStatus(200)
                .withBody("2026-11-24T10:02:12Z npm test\n2026-11-24T10:05:39Z FAIL src/app.test.js\n")));
        github.stubFor(post(urlPathEqualTo(BASE + "/actions/runs/42/cancel")).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json").withBody("{}")));
        github.stubFor(post(urlPathEqualTo(BASE + "/actions/runs/42/rerun-failed-jobs")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{}")));
        github.stubFor(get(urlPathEqualTo(BASE + "/deployments")).willReturn(okJson("""
                [{"id": 11, "sha": "a84d88e7554fc1fa21bcbc4efae3c782a70d2b9d", "ref": "main", "environment": "production",
                  "description": "Deploy request", "creator": {"login": "octocat"}, "created_at": "2026-11-24T10:00:00Z"}]""")));
        github.stubFor(get(urlPathEqualTo(BASE + "/deployments/11/statuses")).willReturn(okJson("""
                [{"id": 1, "state": "success", "environment_url": "https://web.acme.example", "created_at": "2026-11-24T10:05:00Z"}]""")));
    }

    static Stream<Arguments> faces() {
        return Stream.of(Arguments.of("local server", gates.http().server().uri("/")), Arguments.of("Lambda handler", lambdaRoot()));
    }

    private static synchronized URI lambdaRoot() {
        if (lambdaFront == null) {
            lambdaFront = new HttpFront(gates.lambda());
        }
        return lambdaFront.uri();
    }

    /** Each tool, its MCP arguments, and the same call on the REST face: method, path and query, body. */
    private record ToolCall(String tool, Map<String, Object> arguments, String method, String path, String body) {
    }

    private static final List<ToolCall> CALLS = List.of(
            new ToolCall("listWorkflows", Map.of("repo", "acme/web"), "GET", "/api/workflows?repo=acme/web", null),
            new ToolCall("listRuns", Map.of("repo", "acme/web", "limit", 5), "GET", "/api/runs?repo=acme/web&limit=5", null),
            new ToolCall("getRun", Map.of("repo", "acme/web", "runId", 42), "GET", "/api/runs/42?repo=acme/web", null),
            new ToolCall("getRunLogs", Map.of("repo", "acme/web", "runId", 42, "tail", 1), "GET", "/api/runs/42/logs?repo=acme/web&tail=1", null),
            new ToolCall("listDeployments", Map.of("repo", "acme/web", "limit", 2), "GET", "/api/deployments?repo=acme/web&limit=2", null),
            new ToolCall("triggerWorkflow", Map.of("workflow", "deploy.yml", "repo", "acme/web", "ref", "main", "inputs", Map.of("environment", "staging")),
                    "POST", "/api/workflows/deploy.yml/dispatches", "{\"repo\":\"acme/web\",\"ref\":\"main\",\"inputs\":{\"environment\":\"staging\"}}"),
            new ToolCall("cancelRun", Map.of("repo", "acme/web", "runId", 42), "POST", "/api/runs/42/cancel?repo=acme/web", ""),
            new ToolCall("rerunRun", Map.of("repo", "acme/web", "runId", 42, "failedJobsOnly", true), "POST",
                    "/api/runs/42/rerun?repo=acme/web&failedJobsOnly=true", ""));

    @ParameterizedTest(name = "{0}")
    @MethodSource("faces")
    void initializeNegotiatesTheNewestRevisionBothSpeakAndOffersOnlyTools(String face, URI root) {
        try (McpSyncClient client = McpClients.signedIn(root, idp.accessToken(person, "workflows:read"))) {
            McpSchema.InitializeResult init = client.initialize();

            assertEquals("2025-11-25", init.protocolVersion());
            assertEquals("ActionGate", init.serverInfo().name());
            assertNotNull(init.capabilities().tools());
            assertEquals(null, init.capabilities().resources());
            assertEquals(null, init.capabilities().prompts());
            assertTrue(init.instructions().contains("owner/name"), init.instructions());
            client.ping();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faces")
    void toolsListHasOneToolPerOperationWithItsHintsSchemasAndTheOpenApiWording(String face, URI root) {
        Map<String, Object> openApi = ChatGptAndBrowser.json(gates.http().get("/openapi.json"));
        Map<String, Map<String, Object>> operations = operations(openApi);
        try (McpSyncClient client = McpClients.signedIn(root, idp.accessToken(person, "workflows:read"))) {
            client.initialize();
            List<McpSchema.Tool> tools = client.listTools().tools();

            assertEquals(operations.keySet(), tools.stream().map(McpSchema.Tool::name).collect(Collectors.toSet()));
            assertEquals(11, tools.size());
            for (McpSchema.Tool tool : tools) {
                Map<String, Object> operation = operations.get(tool.name());
                assertEquals(operation.get("summary"), tool.title(), tool.name());
                assertEquals(operation.get("description"), tool.description(), tool.name());
                assertEquals("object", tool.inputSchema().get("type"), tool.name());
                assertEquals(false, tool.inputSchema().get("additionalProperties"), tool.name());
                assertEquals("object", tool.outputSchema().get("type"), tool.name());
                for (Object entry : (List<?>) operation.getOrDefault("parameters", List.of())) {
                    Map<?, ?> parameter = (Map<?, ?>) entry;
                    Map<?, ?> property = (Map<?, ?>) properties(tool).get(parameter.get("name"));
                    assertNotNull(property, tool.name() + " " + parameter.get("name"));
                    assertEquals(parameter.get("description"), property.get("description"), tool.name() + " " + parameter.get("name"));
                    assertEquals(Boolean.TRUE.equals(parameter.get("required")), required(tool).contains(parameter.get("name")),
                            tool.name() + " " + parameter.get("name"));
                }
            }
            McpSchema.Tool listRuns = tool(tools, "listRuns");
            assertEquals(Map.of("type", "integer", "format", "int32", "default", 10, "minimum", 1, "maximum", 30,
                    "description", "How many runs, 1 to 30."), properties(listRuns).get("limit"));
            assertEquals(List.of("repo"), required(listRuns));
            assertEquals(Set.of("workflow", "repo", "ref"), Set.copyOf(required(tool(tools, "triggerWorkflow"))));

            Set<String> reads = Set.of("getMe", "getUsage", "listAuditEvents", "listWorkflows", "listRuns", "getRun", "listDeployments", "getRunLogs");
            for (McpSchema.Tool tool : tools) {
                McpSchema.ToolAnnotations hints = tool.annotations();
                assertEquals(reads.contains(tool.name()), hints.readOnlyHint(), tool.name());
                assertEquals(!Set.of("getMe", "getUsage", "listAuditEvents").contains(tool.name()), hints.openWorldHint(), tool.name());
            }
            for (String write : List.of("triggerWorkflow", "rerunRun")) {
                assertEquals(List.of(true, false), List.of(tool(tools, write).annotations().destructiveHint(), tool(tools, write).annotations().idempotentHint()), write);
            }
            assertEquals(List.of(true, true), List.of(tool(tools, "cancelRun").annotations().destructiveHint(), tool(tools, "cancelRun").annotations().idempotentHint()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faces")
    void everyGithubToolAnswersWhatTheSameRestCallAnswersAsStructuredContentAndText(String face, URI root) {
        String token = idp.accessToken(person, ALL_SCOPES);
        Transport rest = face.equals("local server") ? gates.http() : gates.lambda();
        try (McpSyncClient client = McpClients.signedIn(root, token)) {
            client.initialize();
            for (ToolCall call : CALLS) {
                McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(call.tool(), call.arguments()));

                assertFalse(Boolean.TRUE.equals(result.isError()), call.tool() + ": " + result.content());
                String text = ((McpSchema.TextContent) result.content().getFirst()).text();
                Map<String, Object> restAnswer = restCall(rest, token, call);
                assertEquals(restAnswer, ChatGptAndBrowser.json(new Transport.Answer(200, Map.of(), text)), call.tool());
                assertEquals(ChatGptAndBrowser.json(new Transport.Answer(200, Map.of(), text)), normalized((Map<?, ?>) result.structuredContent()), call.tool());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faces")
    void getMeAndGetUsageCountTheCallsAndTellTheFacesApart(String face, URI root) {
        String token = idp.accessToken(person, ALL_SCOPES);
        Transport rest = face.equals("local server") ? gates.http() : gates.lambda();
        try (McpSyncClient client = McpClients.signedIn(root, token)) {
            client.initialize();
            client.callTool(new McpSchema.CallToolRequest("listWorkflows", Map.of("repo", "acme/web")));
            client.callTool(new McpSchema.CallToolRequest("triggerWorkflow", Map.of("workflow", "deploy.yml", "repo", "acme/web", "ref", "main")));
            rest.get("/api/workflows?repo=acme/web", Map.of("authorization", "Bearer " + token)).ok();

            Map<String, Object> me = normalized((Map<?, ?>) client.callTool(new McpSchema.CallToolRequest("getMe", Map.of())).structuredContent());
            assertEquals(person, me.get("subject"));
            assertEquals(List.of("workflows:read", "workflows:trigger", "deployments:read", "logs:read", "analytics:read"), me.get("scopes"));
            assertEquals(4L, ((Map<?, ?>) me.get("quota")).get("usedToday"), "both faces' calls and getMe itself, as on the REST face");

            McpSchema.CallToolResult usage = client.callTool(new McpSchema.CallToolRequest("getUsage", Map.of("groupBy", "face")));
            Map<String, Object> report = normalized((Map<?, ?>) usage.structuredContent());
            Map<String, Long> calls = new LinkedHashMap<>();
            for (Object group : (List<?>) report.get("groups")) {
                calls.put((String) ((Map<?, ?>) group).get("key"), (Long) ((Map<?, ?>) group).get("calls"));
            }
            assertEquals(Map.of("mcp", 4L, "gpt", 1L), calls, "getUsage counts itself before it reports");
        }
        List<Map<String, AttributeValue>> audit = auditRecords();
        assertEquals(1, audit.size(), audit.toString());
        assertEquals("mcp", audit.getFirst().get("face").s());
        assertEquals("triggerWorkflow", audit.getFirst().get("operation").s());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faces")
    void listAuditEventsIsAReadOnlyToolThatFindsTheToolCallsAsTheRestCallDoes(String face, URI root) {
        String token = idp.accessToken(person, ALL_SCOPES);
        Transport rest = face.equals("local server") ? gates.http() : gates.lambda();
        String from = Instant.now().minusSeconds(60).toString();
        try (McpSyncClient client = McpClients.signedIn(root, token)) {
            client.initialize();
            client.callTool(new McpSchema.CallToolRequest("triggerWorkflow", Map.of("workflow", "deploy.yml", "repo", "acme/web", "ref", "main",
                    "inputs", Map.of("environment", "staging"))));
            client.callTool(new McpSchema.CallToolRequest("cancelRun", Map.of("repo", "acme/web", "runId", 42)));
            String to = Instant.now().plusSeconds(1).toString();

            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("listAuditEvents", Map.of("from", from, "to", to)));

            assertFalse(Boolean.TRUE.equals(result.isError()), result.content().toString());
            assertEquals(true, tool(client.listTools().tools(), "listAuditEvents").annotations().readOnlyHint());
            Map<String, Object> events = normalized((Map<?, ?>) result.structuredContent());
            assertEquals(rest.get("/api/audit?from=" + from + "&to=" + to, Map.of("authorization", "Bearer " + token)).ok(), events,
                    "the same service method behind both faces");
            List<?> found = (List<?>) events.get("events");
            assertEquals(List.of("cancelRun", "triggerWorkflow"), found.stream().map(event -> ((Map<?, ?>) event).get("operation")).toList());
            Map<?, ?> trigger = (Map<?, ?>) found.get(1);
            assertEquals(List.of("mcp", person, "deploy.yml", "main", Map.of("environment", "staging"), "ok", 42L),
                    List.of(trigger.get("face"), trigger.get("subject"), trigger.get("workflow"), trigger.get("ref"), trigger.get("inputs"),
                            trigger.get("outcome"), trigger.get("startedRunId")));
            assertEquals(42L, ((Map<?, ?>) found.get(0)).get("runId"));

            McpSchema.CallToolResult refused = client.callTool(new McpSchema.CallToolRequest("listAuditEvents", Map.of("person", "someone-else")));
            assertEquals(true, refused.isError());
            assertEquals(List.of(new McpSchema.TextContent(ErrorCode.PERSON_NOT_ALLOWED.sentence())), refused.content());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faces")
    void aRefusedOperationIsAnErrorResultWithTheRestSentence(String face, URI root) {
        String token = idp.accessToken(person, ALL_SCOPES);
        Transport rest = face.equals("local server") ? gates.http() : gates.lambda();
        try (McpSyncClient client = McpClients.signedIn(root, token)) {
            client.initialize();
            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("listRuns", Map.of("repo", "acme/secret")));

            assertEquals(true, result.isError());
            Map<String, Object> refusal = rest.get("/api/runs?repo=acme/secret", Map.of("authorization", "Bearer " + token)).assertError(403, "repository_not_allowed", "acme/secret");
            assertEquals(List.of(new McpSchema.TextContent((String) refusal.get("message"))), result.content());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faces")
    void pastTheDailyQuotaAToolCallIsAnErrorResultAndGetMeStillAnswers(String face, URI root) {
        JWTClaimsSet claims = idp.validClaims(person).claim("scope", ALL_SCOPES).claim("tier", "tiny").build();
        String token = idp.sign(claims);
        try (McpSyncClient client = McpClients.signedIn(root, token)) {
            client.initialize();
            for (int i = 0; i < 2; i++) {
                assertFalse(Boolean.TRUE.equals(client.callTool(new McpSchema.CallToolRequest("listWorkflows", Map.of("repo", "acme/web"))).isError()));
            }
            McpSchema.CallToolResult third = client.callTool(new McpSchema.CallToolRequest("listWorkflows", Map.of("repo", "acme/web")));

            assertEquals(true, third.isError());
            String sentence = ((McpSchema.TextContent) third.content().getFirst()).text();
            assertTrue(sentence.startsWith("You have used all 2 ActionGate calls your tiny tier allows per day"), sentence);
            McpSchema.CallToolResult me = client.callTool(new McpSchema.CallToolRequest("getMe", Map.of()));
            assertFalse(Boolean.TRUE.equals(me.isError()));
            assertEquals(0L, ((Map<?, ?>) normalized((Map<?, ?>) me.structuredContent()).get("quota")).get("remainingToday"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faces")
    void argumentsOutsideTheInputSchemaAreAnErrorResultTheModelCanCorrectAndNothingIsCalled(String face, URI root) {
        try (McpSyncClient client = McpClients.signedIn(root, idp.accessToken(person, ALL_SCOPES))) {
            client.initialize();
            McpSchema.CallToolResult tooMany = client.callTool(new McpSchema.CallToolRequest("listRuns", Map.of("repo", "acme/web", "limit", 31)));
            McpSchema.CallToolResult missing = client.callTool(new McpSchema.CallToolRequest("getRun", Map.of("repo", "acme/web")));
            McpSchema.CallToolResult unknown = client.callTool(new McpSchema.CallToolRequest("listWorkflows", Map.of("repo", "acme/web", "owner", "x")));

            for (McpSchema.CallToolResult result : List.of(tooMany, missing, unknown)) {
                assertEquals(true, result.isError(), result.toString());
                assertTrue(((McpSchema.TextContent) result.content().getFirst()).text().contains("do not fit its input schema"), result.toString());
            }
        }
        github.verify(0, com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
    }

    // --- refusals, as the SDK's client reports them to its host

    @ParameterizedTest(name = "{0}")
    @MethodSource("faces")
    void withoutATokenTheClientIsToldWhereToSignIn(String face, URI root) {
        try (McpSyncClient client = McpClients.anonymous(root)) {
            HttpResponse.ResponseInfo refusal = McpClients.refusal(assertThrows(RuntimeException.class, client::initialize));

            assertEquals(401, refusal.statusCode());
            String challenge = refusal.headers().firstValue("WWW-Authenticate").orElseThrow();
            assertTrue(challenge.startsWith("Bearer resource_metadata=\""), challenge);
            assertTrue(challenge.contains("/.well-known/oauth-protected-resource/mcp\", scope=\"workflows:read "), challenge);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faces")
    void aTokenForAnotherAudienceIsRefusedAsInvalid(String face, URI root) {
        String token = idp.sign(idp.validClaims(person).audience("https://another-api.example.com").claim("scope", ALL_SCOPES).build());
        try (McpSyncClient client = McpClients.signedIn(root, token)) {
            HttpResponse.ResponseInfo refusal = McpClients.refusal(assertThrows(RuntimeException.class, client::initialize));

            assertEquals(401, refusal.statusCode());
            assertTrue(refusal.headers().firstValue("WWW-Authenticate").orElseThrow().contains("error=\"invalid_token\""));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faces")
    void aToolCallWithoutItsScopeIsRefusedWithTheScopeToAskFor(String face, URI root) {
        try (McpSyncClient client = McpClients.signedIn(root, idp.accessToken(person, "workflows:read"))) {
            client.initialize();
            HttpResponse.ResponseInfo refusal = McpClients.refusal(assertThrows(RuntimeException.class, () -> client.callTool(
                    new McpSchema.CallToolRequest("cancelRun", Map.of("repo", "acme/web", "runId", 42)))));

            assertEquals(403, refusal.statusCode());
            String challenge = refusal.headers().firstValue("WWW-Authenticate").orElseThrow();
            assertTrue(challenge.startsWith("Bearer error=\"insufficient_scope\", scope=\"workflows:trigger\""), challenge);
        }
        github.verify(0, postRequestedFor(urlPathEqualTo(BASE + "/actions/runs/42/cancel")));
    }

    // --- helpers

    private static Map<String, Object> restCall(Transport rest, String token, ToolCall call) {
        Map<String, String> headers = Map.of("authorization", "Bearer " + token, "content-type", "application/json");
        Transport.Answer answer = call.method().equals("GET") ? rest.get(call.path(), headers) : rest.post(call.path(), headers, call.body());
        return answer.ok();
    }

    /** The SDK's numbers (Integer, Long) as the REST answers' parser gives them, for comparing the two. */
    private static Map<String, Object> normalized(Map<?, ?> structured) {
        try {
            return ChatGptAndBrowser.json(new Transport.Answer(200, Map.of(), new ObjectMapper().writeValueAsString(structured)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> operations(Map<String, Object> openApi) {
        Map<String, Map<String, Object>> operations = new LinkedHashMap<>();
        ((Map<String, Map<String, Object>>) openApi.get("paths")).forEach((path, item) -> item.forEach((method, operation) ->
                operations.put((String) ((Map<String, Object>) operation).get("operationId"), (Map<String, Object>) operation)));
        return operations;
    }

    private static Map<?, ?> properties(McpSchema.Tool tool) {
        return (Map<?, ?>) tool.inputSchema().get("properties");
    }

    private static List<?> required(McpSchema.Tool tool) {
        return (List<?>) tool.inputSchema().getOrDefault("required", List.of());
    }

    private static McpSchema.Tool tool(List<McpSchema.Tool> tools, String name) {
        return tools.stream().filter(tool -> tool.name().equals(name)).findFirst().orElseThrow();
    }

    private List<Map<String, AttributeValue>> auditRecords() {
        String day = Instant.now().atOffset(ZoneOffset.UTC).toLocalDate().toString();
        return dynamoDb.query(query -> query.tableName(LocalDynamoDb.TABLE)
                        .keyConditionExpression("pk = :day")
                        .expressionAttributeValues(Map.of(":day", AttributeValue.fromS(TableLayout.AUDIT_PREFIX + day)))
                        .consistentRead(true)).items().stream()
                .filter(item -> person.equals(item.get("subject").s())).toList();
    }

    private static String run() {
        return """
                {"id": 42, "name": "Deploy", "display_title": "Deploy to staging", "workflow_id": 161335, "path": ".github/workflows/deploy.yml",
                 "head_branch": "main", "event": "push", "status": "completed", "conclusion": "failure", "run_number": 562, "run_attempt": 1,
                 "html_url": "https://github.com/acme/web/actions/runs/42", "created_at": "2026-11-24T10:00:00Z",
                 "updated_at": "2026-11-24T10:05:00Z", "actor": {"login": "octocat"}}""";
    }
}
