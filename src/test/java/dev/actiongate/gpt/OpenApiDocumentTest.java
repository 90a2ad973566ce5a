package dev.actiongate.gpt;

import dev.actiongate.testing.Gates;
import dev.actiongate.testing.RunningActionGate;
import dev.actiongate.web.ErrorCode;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The schema a GPT imports obeys ChatGPT's rules for actions and points at this deployment. */
class OpenApiDocumentTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    @RegisterExtension
    static final Gates gates = Gates.withProvider().with("actiongate.public-base-url", "https://gate.example.com/");

    private final RunningActionGate gate = gates.server();

    @Test
    void theJsonDocumentIsOpenApi31WithOneServerAndAbsoluteOAuthEndpoints() throws IOException {
        HttpResponse<String> response = gate.get("/openapi.json");

        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        Map<String, Object> document = json(response.body());
        assertEquals("3.1.0", document.get("openapi"));
        assertEquals(List.of(Map.of("url", "https://gate.example.com")), document.get("servers"));
        Map<String, Object> code = authorizationCodeFlow(document);
        assertEquals("https://gate.example.com/authorize", code.get("authorizationUrl"));
        assertEquals("https://gate.example.com/token", code.get("tokenUrl"));
        assertEquals("https://gate.example.com/token", code.get("refreshUrl"));
        assertTrue(((Map<?, ?>) code.get("scopes")).containsKey("workflows:trigger"));
    }

    @Test
    void theYamlDocumentSaysTheSame() throws IOException {
        HttpResponse<String> response = gate.get("/openapi.yaml");

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/yaml"));
        Map<String, Object> fromYaml = new Yaml().load(response.body());
        assertEquals(json(gate.get("/openapi.json").body()), fromYaml);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationHasAUniqueOperationIdAShortDescriptionAndTheOAuthScheme() throws IOException {
        Map<String, Object> document = json(gate.get("/openapi.json").body());
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
        Set<String> operationIds = new HashSet<>();

        assertFalse(paths.isEmpty());
        assertTrue(paths.containsKey("/api/me"));
        paths.forEach((path, operations) -> operations.forEach((method, value) -> {
            assertTrue(METHODS.contains(method), path + " has no HEAD/OPTIONS operations: " + method);
            Map<String, Object> operation = (Map<String, Object>) value;
            String id = (String) operation.get("operationId");
            assertTrue(id != null && id.matches("[A-Za-z0-9_-]+"), path + " operationId " + id);
            assertTrue(operationIds.add(id), "unique operationId " + id);
            String description = (String) operation.get("description");
            assertTrue(description != null && !description.isBlank() && description.length() <= 300, path + " description");
            assertEquals(List.of(Map.of("oauth2", List.of())).size(), ((List<?>) operation.get("security")).size(), path);
            assertTrue(((Map<?, ?>) ((List<?>) operation.get("security")).get(0)).containsKey("oauth2"), path);
        }));
        assertTrue(operationIds.contains("getMe"));
        assertTrue(operationIds.size() <= 30, "ChatGPT takes at most 30 operations per action");
        Map<String, Object> schemes = (Map<String, Object>) ((Map<String, Object>) document.get("components")).get("securitySchemes");
        assertEquals(Set.of("oauth2"), schemes.keySet(), "exactly one security scheme");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyDevOpsOperationIsListedWithItsScopeAndTheMutatingOnesAreConsequential() throws IOException {
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) json(gate.get("/openapi.json").body()).get("paths");
        Map<String, String> expected = Map.ofEntries(
                Map.entry("get /api/me", "getMe:"),
                Map.entry("get /api/workflows", "listWorkflows:workflows:read"),
                Map.entry("post /api/workflows/{workflow}/dispatches", "triggerWorkflow:workflows:trigger"),
                Map.entry("get /api/runs", "listRuns:workflows:read"),
                Map.entry("get /api/runs/{runId}", "getRun:workflows:read"),
                Map.entry("post /api/runs/{runId}/cancel", "cancelRun:workflows:trigger"),
                Map.entry("post /api/runs/{runId}/rerun", "rerunRun:workflows:trigger"),
                Map.entry("get /api/runs/{runId}/logs", "getRunLogs:logs:read"),
                Map.entry("get /api/deployments", "listDeployments:deployments:read"),
                Map.entry("get /api/usage", "getUsage:analytics:read"),
                Map.entry("get /api/audit", "listAuditEvents:analytics:read"));
        Map<String, String> actual = new java.util.TreeMap<>();
        Set<String> consequential = new HashSet<>();
        paths.forEach((path, operations) -> operations.forEach((method, value) -> {
            Map<String, Object> operation = (Map<String, Object>) value;
            List<String> scopes = (List<String>) ((Map<?, ?>) ((List<?>) operation.get("security")).get(0)).get("oauth2");
            actual.put(method + " " + path, operation.get("operationId") + ":" + String.join(" ", scopes));
            if (Boolean.TRUE.equals(operation.get("x-openai-isConsequential"))) {
                consequential.add((String) operation.get("operationId"));
            }
        }));

        assertEquals(new java.util.TreeMap<>(expected), actual);
        Set<String> named = new HashSet<>();
        for (var route : gate.context().getBean(io.micronaut.web.router.Router.class).uriRoutes().toList()) {
            String path = route.getUriMatchTemplate().toString().replaceAll("\\{\\?.*}$", "");
            String key = route.getHttpMethod().name().toLowerCase(java.util.Locale.ROOT) + " " + path;
            if (expected.containsKey(key)) {
                assertEquals(expected.get(key).split(":")[0], route.getTargetMethod().getMethodName(),
                        "usage metering names operations by their method: " + key);
                named.add(key);
            }
        }
        assertEquals(expected.keySet(), named, "every operation's route was found");
        assertEquals(Set.of("triggerWorkflow", "cancelRun", "rerunRun"), consequential);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDocumentStatesTheSharedGithubBudgetTheRefsRuleAndTheStatusLookupBound() throws IOException {
        Map<String, Object> document = json(gate.get("/openapi.json").body());
        Map<String, Map<String, Map<String, Object>>> paths = (Map<String, Map<String, Map<String, Object>>>) document.get("paths");

        String api = (String) ((Map<String, Object>) document.get("info")).get("description");
        assertTrue(api.contains("reads answer 429 github_budget_low with Retry-After") && api.contains("re-running runs still work"), api);
        String trigger = (String) paths.get("/api/workflows/{workflow}/dispatches").get("post").get("description");
        assertTrue(trigger.contains("Only the workflows and refs an admin allowed may be run"), trigger);
        String deployments = (String) paths.get("/api/deployments").get("get").get("description");
        assertTrue(deployments.contains("latest status of up to 10"), deployments);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationDocumentsTheErrorAnswersItCanGiveWithTheErrorSchema() throws IOException {
        Map<String, Object> document = json(gate.get("/openapi.json").body());
        List<String> github = List.of("400", "401", "403", "404", "429", "502", "503", "504");
        Map<String, List<String>> expected = Map.ofEntries(
                Map.entry("getMe", List.of("401", "429", "503")),
                Map.entry("listWorkflows", github),
                Map.entry("triggerWorkflow", github),
                Map.entry("listRuns", github),
                Map.entry("getRun", github),
                Map.entry("cancelRun", github),
                Map.entry("rerunRun", github),
                Map.entry("getRunLogs", github),
                Map.entry("listDeployments", github),
                Map.entry("getUsage", List.of("400", "401", "403", "429", "503")),
                Map.entry("listAuditEvents", List.of("400", "401", "403", "429", "503")));

        Map<String, List<String>> actual = new java.util.TreeMap<>();
        operations(document).forEach(operation -> {
            Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.get("responses");
            List<String> errors = responses.keySet().stream().filter(status -> status.compareTo("400") >= 0).sorted().toList();
            actual.put((String) operation.get("operationId"), errors);
            for (String status : errors) {
                Map<String, Object> answer = responses.get(status);
                String where = operation.get("operationId") + " " + status;
                String description = (String) answer.get("description");
                assertTrue(description != null && !description.isBlank() && description.length() <= 300, where);
                Map<String, Object> media = (Map<String, Object>) ((Map<String, Object>) answer.get("content")).get("application/json");
                assertEquals(Map.of("$ref", "#/components/schemas/ApiError"), media.get("schema"), where);
                Map<String, String> example = (Map<String, String>) media.get("example");
                assertEquals(Set.of("error", "message"), example.keySet(), where);
                assertEquals(Integer.parseInt(status), ErrorCode.valueOf(example.get("error").toUpperCase(Locale.ROOT)).status(),
                        where + ": the example is a refusal the API gives with this status");
                Map<String, Object> headers = (Map<String, Object>) answer.getOrDefault("headers", Map.of());
                assertEquals(status.equals("401") || status.equals("403"), headers.containsKey("WWW-Authenticate"), where);
                assertEquals(status.equals("429"), headers.containsKey("Retry-After"), where);
            }
        });

        assertEquals(new java.util.TreeMap<>(expected), actual);
        Map<String, Object> error = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) document.get("components"))
                .get("schemas")).get("ApiError");
        assertEquals(List.of("error", "message"), error.get("required"));
        assertEquals(Set.of("error", "message"), ((Map<?, ?>) error.get("properties")).keySet());
    }

    @Test
    void aRefusalIsAnsweredAsTheErrorSchemaSays() throws IOException {
        HttpResponse<String> refused = gate.get("/api/runs?repo=acme/web");

        assertEquals(401, refused.statusCode());
        assertTrue(refused.headers().firstValue("WWW-Authenticate").isPresent());
        assertEquals(Set.of("error", "message"), json(refused.body()).keySet());
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationIsTaggedWithACapabilityTheDocumentDescribes() throws IOException {
        Map<String, Object> document = json(gate.get("/openapi.json").body());
        Map<String, String> tags = new java.util.LinkedHashMap<>();
        for (Map<String, Object> tag : (List<Map<String, Object>>) document.get("tags")) {
            String description = (String) tag.get("description");
            assertTrue(description != null && !description.isBlank() && description.length() <= 300, tag.toString());
            tags.put((String) tag.get("name"), description);
        }
        Map<String, String> tagged = new java.util.TreeMap<>();
        operations(document).forEach(operation -> {
            List<String> names = (List<String>) operation.get("tags");
            assertEquals(1, names == null ? 0 : names.size(), operation.get("operationId") + " has one tag");
            assertTrue(tags.containsKey(names.getFirst()), operation.get("operationId") + ": tag " + names.getFirst() + " is defined");
            tagged.put((String) operation.get("operationId"), names.getFirst());
        });

        assertEquals(new java.util.TreeMap<>(Map.ofEntries(
                Map.entry("getMe", "account"),
                Map.entry("listWorkflows", "workflows"),
                Map.entry("triggerWorkflow", "workflows"),
                Map.entry("listRuns", "runs"),
                Map.entry("getRun", "runs"),
                Map.entry("cancelRun", "runs"),
                Map.entry("rerunRun", "runs"),
                Map.entry("getRunLogs", "logs"),
                Map.entry("listDeployments", "deployments"),
                Map.entry("getUsage", "usage"),
                Map.entry("listAuditEvents", "usage"))), tagged);
        assertEquals(new HashSet<>(tagged.values()), tags.keySet(), "every tag described is used");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theContactIsWhoThePrivacySettingsName() throws IOException {
        assertEquals(Map.of("name", "the team that deployed this ActionGate"),
                ((Map<String, Object>) json(gate.get("/openapi.json").body()).get("info")).get("contact"));

        Map<String, Object> settings = new java.util.LinkedHashMap<>(gates.settings());
        settings.put("actiongate.privacy.operator", "Acme Platform Team");
        settings.put("actiongate.privacy.contact", "platform@acme.example");
        try (RunningActionGate named = new RunningActionGate(settings)) {
            Map<String, Object> info = (Map<String, Object>) json(named.get("/openapi.json").body()).get("info");
            assertEquals(Map.of("name", "Acme Platform Team", "email", "platform@acme.example"), info.get("contact"));
        }
    }

    @Test
    void theDocumentStaysWithinWhatChatGptImports() {
        // ChatGPT takes request and response bodies of up to 100,000 characters.
        int length = gate.get("/openapi.json").body().length();
        assertTrue(length < 100_000, "the document has " + length + " characters");
    }

    @Test
    void withoutAConfiguredBaseUrlTheRequestsHostIsUsed() throws IOException {
        try (RunningActionGate derived = new RunningActionGate(gates.provider().settings())) {
            HttpResponse<String> response = derived.send(HttpRequest.newBuilder(derived.uri("/openapi.json"))
                    .header("X-Forwarded-Proto", "https").build());

            Map<String, Object> document = json(response.body());
            String expected = "https://localhost:" + derived.uri("/").getPort();
            assertEquals(List.of(Map.of("url", expected)), document.get("servers"));
            assertEquals(expected + "/authorize", authorizationCodeFlow(document).get("authorizationUrl"));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> operations(Map<String, Object> document) {
        List<Map<String, Object>> operations = new java.util.ArrayList<>();
        ((Map<String, Map<String, Object>>) document.get("paths")).values()
                .forEach(item -> item.values().forEach(operation -> operations.add((Map<String, Object>) operation)));
        assertFalse(operations.isEmpty());
        return operations;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> authorizationCodeFlow(Map<String, Object> document) {
        Map<String, Object> components = (Map<String, Object>) document.get("components");
        Map<String, Object> scheme = (Map<String, Object>) ((Map<String, Object>) components.get("securitySchemes")).get("oauth2");
        assertEquals("oauth2", scheme.get("type"));
        return (Map<String, Object>) ((Map<String, Object>) scheme.get("flows")).get("authorizationCode");
    }

    private static Map<String, Object> json(String body) throws IOException {
        return JsonMapper.createDefault().readValue(body, Argument.mapOf(String.class, Object.class));
    }
}
