package dev.actiongate;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.actiongate.config.AdminSettings;
import dev.actiongate.config.IdpSettings;
import dev.actiongate.config.OAuthSettings;
import dev.actiongate.config.SecretParameter;
import dev.actiongate.config.SettingsReader;
import dev.actiongate.dynamodb.TableLayout;
import dev.actiongate.security.RequestableScopes;
import dev.actiongate.ssm.SsmSecrets;
import dev.actiongate.telemetry.Metric;
import dev.actiongate.testing.CloudFormationYaml;
import dev.actiongate.testing.DeployedTemplate;
import dev.actiongate.testing.Gates;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** template.yaml checked against the code it deploys. */
@SuppressWarnings("unchecked")
class TemplateTest {

    /** A server running as each function, for the routes the code serves there. */
    @RegisterExtension
    static final Gates oauthFunction = Gates.withProvider().with("actiongate.function", "oauth");

    @RegisterExtension
    static final Gates apiFunction = oauthFunction.sameProvider().with("actiongate.function", "api");

    private static Map<String, Object> template;

    @BeforeAll
    static void read() throws IOException {
        template = CloudFormationYaml.read(Path.of("template.yaml"));
    }

    @Test
    void bothFunctionsRunTheLambdaHandlerClassOnJava25() throws ClassNotFoundException {
        Map<String, Object> globals = (Map<String, Object>) ((Map<String, Object>) template.get("Globals")).get("Function");
        assertEquals("java25", globals.get("Runtime"));
        assertEquals(Map.of("ApplyOn", "PublishedVersions"), globals.get("SnapStart"));
        assertEquals(Set.of("OAuthFunction", "ApiFunction"), functions().keySet());
        for (Map.Entry<String, Map<String, Object>> function : functions().entrySet()) {
            String handler = (String) function.getValue().getOrDefault("Handler", globals.get("Handler"));
            Class<?> handlerClass = Class.forName(handler.split("::")[0]);
            assertTrue(RequestHandler.class.isAssignableFrom(handlerClass), function.getKey() + " handler " + handler);
            assertEquals("handleRequest", handler.split("::")[1]);
        }
    }

    /** Each HttpApi route of a function is served by the code running as that function (else API Gateway sends it where it 404s). */
    @Test
    void everyRouteInTheTemplateIsServedByTheFunctionItGoesTo() {
        for (String[] route : templateRoutes()) {
            List<UriRouteInfo<?, ?>> served = productionRoutes(route[0]);
            String method = route[1];
            String path = route[2];
            if (path.endsWith("/{proxy+}")) {
                String prefix = path.substring(0, path.length() - "{proxy+}".length());
                assertTrue(served.stream().anyMatch(r -> r.getUriMatchTemplate().toPathString().startsWith(prefix)),
                        route[0] + ": nothing served under " + prefix);
            } else {
                assertTrue(served.stream().anyMatch(r -> r.getUriMatchTemplate().toPathString().equals(path)
                                && (method.equals("ANY") || r.getHttpMethodName().equals(method))),
                        route[0] + ": " + method + " " + path + " is not served there");
            }
        }
    }

    /** Each route the code serves as a function has an HttpApi route on that function (else API Gateway answers 404). */
    @Test
    void everyServedRouteIsRoutedToTheFunctionThatServesIt() {
        List<String[]> routes = templateRoutes();
        for (SecretParameter.Function function : SecretParameter.Function.values()) {
            for (UriRouteInfo<?, ?> served : productionRoutes(function.templateName())) {
                if (served.getHttpMethodName().equals("HEAD")) {
                    continue; // Micronaut's implicit HEAD of each GET; ChatGPT never sends HEAD
                }
                String path = served.getUriMatchTemplate().toPathString();
                boolean routed = routes.stream().anyMatch(route -> route[0].equals(function.templateName())
                        && (route[1].equals("ANY") || route[1].equals(served.getHttpMethodName()))
                        && (route[2].equals(path) || route[2].endsWith("/{proxy+}")
                        && path.startsWith(route[2].substring(0, route[2].length() - "{proxy+}".length()))));
                assertTrue(routed, served.getHttpMethodName() + " " + path + " has no route to " + function.templateName() + " in template.yaml");
            }
        }
    }

    /** The MCP endpoint takes every method, so GET and DELETE reach the code and get its 405 (MCP streamable HTTP). */
    @Test
    void theMcpEndpointIsRoutedForEveryMethod() {
        assertTrue(templateRoutes().stream().anyMatch(route -> route[0].equals("ApiFunction") && route[1].equals("ANY") && route[2].equals("/mcp")));
    }

    /** The consent page's Approve and Deny reach the bridge, whose sign-ins they belong to. */
    @Test
    void theConsentAnswerIsRoutedToTheBridge() {
        assertTrue(templateRoutes().stream().anyMatch(route -> route[0].equals("OAuthFunction") && route[1].equals("POST")
                && route[2].equals("/authorize/consent")));
        assertFalse(templateRoutes().stream().anyMatch(route -> !route[0].equals("OAuthFunction") && route[2].startsWith("/authorize")));
    }

    @Test
    void theConsentLifetimeParameterDefaultsAsTheSettingAndReachesTheBridge() {
        Map<String, Map<String, Object>> parameters = (Map<String, Map<String, Object>>) template.get("Parameters");
        String fallback = String.valueOf(parameters.get("OAuthConsentLifetime").get("Default"));
        assertEquals(OAuthSettings.read(SettingsReader.of(Map.of())).consentLifetime(),
                OAuthSettings.read(SettingsReader.of(Map.of("actiongate.oauth.consent-lifetime", fallback))).consentLifetime());
        Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) functions().get("OAuthFunction")
                .get("Environment")).get("Variables");
        assertEquals("OAuthConsentLifetime", variables.get("ACTIONGATE_OAUTH_CONSENT_LIFETIME"));
    }

    /** The admin page reads the usage table, so it is the API function's, and its session lifetime parameter defaults as the setting. */
    @Test
    void theAdminPageIsRoutedToTheApiFunctionWithItsSessionLifetime() {
        assertEquals(Set.of("GET /admin", "GET /admin/callback", "POST /admin/sign-out"), templateRoutes().stream()
                .filter(route -> route[2].startsWith("/admin")).map(route -> {
                    assertEquals("ApiFunction", route[0], route[2]);
                    return route[1] + " " + route[2];
                }).collect(java.util.stream.Collectors.toSet()));
        Map<String, Map<String, Object>> parameters = (Map<String, Map<String, Object>>) template.get("Parameters");
        String fallback = String.valueOf(parameters.get("AdminSessionLifetime").get("Default"));
        assertEquals(AdminSettings.DEFAULT_SESSION_LIFETIME,
                AdminSettings.read(SettingsReader.of(Map.of(AdminSettings.SESSION_LIFETIME, fallback))).sessionLifetime());
        Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) functions().get("ApiFunction")
                .get("Environment")).get("Variables");
        assertEquals("AdminSessionLifetime", variables.get("ACTIONGATE_ADMIN_SESSION_LIFETIME"));
    }

    @Test
    void eachFunctionMayReadExactlyItsOwnSecrets() {
        for (SecretParameter secret : SecretParameter.values()) {
            String path = secret.path("${Stage}");
            for (Map.Entry<String, Map<String, Object>> function : functions().entrySet()) {
                boolean mine = function.getKey().equals(secret.function().templateName());
                assertEquals(mine, grants(function.getValue(), "ssm:GetParametersByPath", path),
                        function.getKey() + (mine ? " must" : " must not") + " read " + path);
            }
        }
    }

    @Test
    void eachFunctionIsToldToReadItsOwnFolderAndMayDoNothingElseWithSsm() {
        for (SecretParameter.Function function : SecretParameter.Function.values()) {
            Map<String, Object> properties = functions().get(function.templateName());
            Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) properties.get("Environment")).get("Variables");
            String folder = "/actiongate/${Stage}/" + function.folder();
            assertEquals(folder, variables.get(SsmSecrets.PATH_VARIABLE), function.templateName());
            List<Map<String, Object>> ssm = statements(properties).stream()
                    .filter(statement -> TemplateTest.<String>list(statement.get("Action")).stream().anyMatch(action -> action.startsWith("ssm:")))
                    .toList();
            assertEquals(1, ssm.size(), function.templateName());
            assertEquals(List.of("ssm:GetParametersByPath"), list(ssm.getFirst().get("Action")), function.templateName());
            String arn = "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter" + folder;
            assertEquals(List.of(arn, arn + "/*"), list(ssm.getFirst().get("Resource")), function.templateName());
            Map<String, Object> kms = statements(properties).stream()
                    .filter(statement -> list(statement.get("Action")).contains("kms:Decrypt")).findFirst().orElseThrow();
            assertEquals(Map.of("StringEquals", Map.of("kms:ViaService", "ssm.${AWS::Region}.amazonaws.com"),
                            "StringLike", Map.of("kms:EncryptionContext:PARAMETER_ARN", arn + "/*")), kms.get("Condition"),
                    function.templateName() + " may decrypt only through SSM, and only its own folder's parameters");
        }
    }

    @Test
    void theTokenTypeParametersOfferWhatTheSettingsAcceptAndDefaultAlike() {
        Map<String, Map<String, Object>> parameters = (Map<String, Map<String, Object>>) template.get("Parameters");
        Map<String, Object> tokenType = parameters.get("IdpTokenType");
        assertEquals(List.of(IdpSettings.DEFAULT_TOKEN_TYPE, IdpSettings.RFC_9068_TOKEN_TYPE), tokenType.get("AllowedValues"));
        assertEquals(IdpSettings.DEFAULT_TOKEN_TYPE, tokenType.get("Default"));
        assertEquals(String.join(",", IdpSettings.DEFAULT_ID_TOKEN_CLAIMS), parameters.get("IdpIdTokenClaims").get("Default"));
        Map<String, Object> globals = (Map<String, Object>) ((Map<String, Object>) template.get("Globals")).get("Function");
        Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) globals.get("Environment")).get("Variables");
        assertEquals("IdpTokenType", variables.get("ACTIONGATE_IDP_TOKEN_TYPE"));
        assertEquals("IdpIdTokenClaims", variables.get("ACTIONGATE_IDP_ID_TOKEN_CLAIMS"));
    }

    @Test
    void noFunctionGetsWildcardSsmAccess() {
        for (Map.Entry<String, Map<String, Object>> function : functions().entrySet()) {
            for (Map<String, Object> statement : statements(function.getValue())) {
                List<String> actions = list(statement.get("Action"));
                assertFalse(actions.contains("ssm:*") || actions.contains("*"), function.getKey());
                if (actions.stream().anyMatch(action -> action.startsWith("ssm:"))) {
                    assertFalse(list(statement.get("Resource")).contains("*"), function.getKey() + " SSM on every resource");
                }
            }
        }
    }

    @Test
    void theOutputsGiveWhatTheGptEditorAsksFor() throws IOException {
        // Without and with a custom domain (CustomDomainTest has the rest of it).
        for (Map<String, String> parameters : List.of(Map.<String, String>of(),
                Map.of("DomainName", "actiongate.example.com", "CertificateArn", "arn:aws:acm:eu-west-1:123456789012:certificate/1"))) {
            Map<String, Object> outputs = DeployedTemplate.of(parameters).outputs();
            for (String output : List.of("ApiUrl", "AuthorizationUrl", "TokenUrl", "OpenApiUrl", "PrivacyPolicyUrl", "Scopes")) {
                assertTrue(outputs.containsKey(output), output);
            }
            assertTrue(String.valueOf(outputs.get("AuthorizationUrl")).endsWith("/authorize"), parameters.toString());
            assertTrue(String.valueOf(outputs.get("TokenUrl")).endsWith("/token"), parameters.toString());
            assertTrue(String.valueOf(outputs.get("OpenApiUrl")).endsWith("/openapi.json"), parameters.toString());
        }
    }

    private static Map<String, Map<String, Object>> functions() {
        Map<String, Map<String, Object>> functions = new LinkedHashMap<>();
        ((Map<String, Map<String, Object>>) template.get("Resources")).forEach((name, resource) -> {
            if ("AWS::Serverless::Function".equals(resource.get("Type"))) {
                functions.put(name, (Map<String, Object>) resource.get("Properties"));
            }
        });
        return functions;
    }

    /** {function, method, path} of every HttpApi event. */
    private static List<String[]> templateRoutes() {
        List<String[]> routes = new ArrayList<>();
        functions().forEach((name, properties) -> ((Map<String, Map<String, Object>>) properties.get("Events")).forEach((event, definition) -> {
            if ("HttpApi".equals(definition.get("Type"))) {
                Map<String, Object> route = (Map<String, Object>) definition.get("Properties");
                routes.add(new String[]{name, String.valueOf(route.get("Method")).toUpperCase(), (String) route.get("Path")});
            }
        }));
        assertFalse(routes.isEmpty());
        return routes;
    }

    /** Routes of the production code running as this function (test-only controllers left out). */
    private static List<UriRouteInfo<?, ?>> productionRoutes(String function) {
        Gates gates = function.equals(SecretParameter.Function.OAUTH.templateName()) ? oauthFunction : apiFunction;
        return gates.server().context().getBean(Router.class).uriRoutes()
                .filter(route -> route.getTargetMethod().getDeclaringType().getName().startsWith("dev.actiongate."))
                .filter(route -> !route.getTargetMethod().getDeclaringType().getProtectionDomain().getCodeSource()
                        .getLocation().toString().contains("test-classes"))
                .toList();
    }

    @Test
    void theTableHasTheLayoutTheCodeUsesAndEachFunctionTouchesOnlyItsOwnItems() {
        Map<String, Object> resources = (Map<String, Object>) template.get("Resources");
        Map<String, Object> table = (Map<String, Object>) ((Map<String, Object>) resources.get("Table")).get("Properties");
        assertEquals(List.of(Map.of("AttributeName", TableLayout.PARTITION_KEY, "KeyType", "HASH"),
                Map.of("AttributeName", TableLayout.SORT_KEY, "KeyType", "RANGE")), table.get("KeySchema"));
        assertEquals(Map.of("AttributeName", TableLayout.TIME_TO_LIVE, "Enabled", true), table.get("TimeToLiveSpecification"));
        assertEquals("PAY_PER_REQUEST", table.get("BillingMode"));
        assertEquals(Map.of("PointInTimeRecoveryEnabled", true), table.get("PointInTimeRecoverySpecification"));

        assertEquals(List.of(Map.of("IndexName", TableLayout.BY_DAY_INDEX, "KeySchema", List.of(
                        Map.of("AttributeName", TableLayout.BY_DAY_PARTITION, "KeyType", "HASH"),
                        Map.of("AttributeName", TableLayout.BY_DAY_SORT, "KeyType", "RANGE")),
                "Projection", Map.of("ProjectionType", "ALL")),
                Map.of("IndexName", TableLayout.BY_ACTOR_INDEX, "KeySchema", List.of(
                        Map.of("AttributeName", TableLayout.BY_ACTOR_PARTITION, "KeyType", "HASH"),
                        Map.of("AttributeName", TableLayout.BY_ACTOR_SORT, "KeyType", "RANGE")),
                "Projection", Map.of("ProjectionType", "ALL"))), table.get("GlobalSecondaryIndexes"));
        assertTrue(((List<Map<String, Object>>) table.get("AttributeDefinitions")).contains(
                Map.of("AttributeName", TableLayout.BY_ACTOR_PARTITION, "AttributeType", "S")), "the audit index's key is declared");

        assertEquals(Map.of("dynamodb:GetItem", Set.of(TableLayout.REPLAY_PREFIX + "*", TableLayout.REFRESH_PREFIX + "*"),
                "dynamodb:PutItem", Set.of(TableLayout.REPLAY_PREFIX + "*", TableLayout.CALLBACK_PREFIX + "*", TableLayout.REFRESH_PREFIX + "*"),
                "dynamodb:DeleteItem", Set.of(TableLayout.REPLAY_PREFIX + "*"),
                "dynamodb:UpdateItem", Set.of(TableLayout.REFRESH_PREFIX + "*")), tableAccess("OAuthFunction"));
        assertEquals(Map.of("dynamodb:PutItem", Set.of(TableLayout.AUDIT_PREFIX + "*"),
                "dynamodb:UpdateItem", Set.of(TableLayout.USAGE_PREFIX + "*", TableLayout.USER_PREFIX + "*", TableLayout.REFUSAL_PREFIX + "*"),
                "dynamodb:GetItem", Set.of(TableLayout.USAGE_PREFIX + "*", TableLayout.USER_PREFIX + "*"),
                "dynamodb:Query", Set.of(TableLayout.USAGE_PREFIX + "*", TableLayout.USER_PREFIX + "*", TableLayout.DAY_PREFIX + "*",
                        TableLayout.AUDIT_PREFIX + "*", TableLayout.ACTOR_PREFIX + "*", TableLayout.REFUSAL_PREFIX + "*")),
                tableAccess("ApiFunction"));
        // listAuditEvents: a person's records only through their index partition, everyone's only by day partition.
        assertEquals(Set.of(List.of("dynamodb:Query") + " on index/" + TableLayout.BY_ACTOR_INDEX + " " + List.of(TableLayout.ACTOR_PREFIX + "*"),
                        List.of("dynamodb:PutItem", "dynamodb:Query") + " on the table " + List.of(TableLayout.AUDIT_PREFIX + "*")),
                auditGrants());
    }

    /** The API function's grants that name an audit key prefix, as "actions on resource prefixes". */
    private static Set<String> auditGrants() {
        Set<String> grants = new java.util.TreeSet<>();
        for (Map<String, Object> statement : statements(functions().get("ApiFunction"))) {
            Map<String, Object> condition = (Map<String, Object>) statement.get("Condition");
            if (condition == null || !(condition.get("ForAllValues:StringLike") instanceof Map<?, ?> like)) {
                continue;
            }
            List<String> prefixes = list(like.get("dynamodb:LeadingKeys"));
            if (prefixes.stream().noneMatch(prefix -> prefix.startsWith(TableLayout.AUDIT_PREFIX) || prefix.startsWith(TableLayout.ACTOR_PREFIX))) {
                continue;
            }
            String resource = String.valueOf(statement.get("Resource"));
            String on = resource.contains("/index/") ? "index/" + resource.substring(resource.indexOf("/index/") + 7).replaceAll("[^A-Za-z].*$", "")
                    : "the table";
            grants.add(list(statement.get("Action")) + " on " + on + " " + prefixes);
        }
        return grants;
    }

    /** Each DynamoDB action a function may take, with the key prefixes it may take it on; every grant is limited by key. */
    private static Map<String, Set<String>> tableAccess(String function) {
        Map<String, Set<String>> access = new java.util.TreeMap<>();
        for (Map<String, Object> statement : statements(functions().get(function))) {
            List<String> actions = TemplateTest.<String>list(statement.get("Action")).stream().filter(action -> action.startsWith("dynamodb:")).toList();
            if (actions.isEmpty()) {
                continue;
            }
            Map<String, Object> condition = (Map<String, Object>) statement.get("Condition");
            assertTrue(condition != null && condition.get("ForAllValues:StringLike") instanceof Map<?, ?>, function + " table access without a key condition");
            List<String> prefixes = list(((Map<String, Object>) condition.get("ForAllValues:StringLike")).get("dynamodb:LeadingKeys"));
            assertFalse(prefixes.isEmpty(), function);
            actions.forEach(action -> access.computeIfAbsent(action, a -> new java.util.TreeSet<>()).addAll(prefixes));
        }
        return access;
    }

    @Test
    void theScopesOutputIsWhatAGptGetsByDefaultAndTheScopeSettingsReachBothFunctions() {
        Map<String, Object> scopes = (Map<String, Object>) ((Map<String, Object>) template.get("Outputs")).get("Scopes");
        assertEquals(String.join(" ", RequestableScopes.DEFAULT_SCOPES), scopes.get("Value"));
        assertFalse(RequestableScopes.DEFAULT_SCOPES.contains("admin"));

        // Globals: the API function's challenges and protected-resource documents list the same scopes the bridge grants.
        Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                template.get("Globals")).get("Function")).get("Environment")).get("Variables");
        Map<String, Object> parameters = (Map<String, Object>) template.get("Parameters");
        for (String[] setting : new String[][]{{"ACTIONGATE_OAUTH_REQUESTABLE_SCOPES", "OAuthRequestableScopes"},
                {"ACTIONGATE_OAUTH_PASSTHROUGH_SCOPES", "OAuthPassthroughScopes"}}) {
            assertEquals("", ((Map<String, Object>) parameters.get(setting[1])).get("Default"), setting[1] + " unset by default");
            assertEquals(List.of("Has" + setting[1], setting[1], "AWS::NoValue"), variables.get(setting[0]), setting[0]);
        }
    }

    /** RFC 7591 registration is the bridge's: POST /register goes to OAuthFunction. */
    @Test
    void registrationIsRoutedToTheBridge() {
        assertTrue(templateRoutes().stream().anyMatch(route -> route[0].equals("OAuthFunction") && route[1].equals("POST")
                && route[2].equals("/register")));
    }

    @Test
    void theClientPolicyParametersReachTheBridgeUnsetWhenEmpty() {
        Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) functions().get("OAuthFunction")
                .get("Environment")).get("Variables");
        Map<String, Object> parameters = (Map<String, Object>) template.get("Parameters");
        for (String[] setting : new String[][]{{"ACTIONGATE_OAUTH_CLIENTS_METADATA_DOCUMENTS", "OAuthClientsMetadataDocuments"},
                {"ACTIONGATE_OAUTH_CLIENTS_REDIRECT_HOSTS", "OAuthClientsRedirectHosts"},
                {"ACTIONGATE_OAUTH_CLIENTS_REDIRECT_SCHEMES", "OAuthClientsRedirectSchemes"}}) {
            assertEquals("", ((Map<String, Object>) parameters.get(setting[1])).get("Default"), setting[1] + " unset by default");
            assertEquals(List.of("Has" + setting[1], setting[1], "AWS::NoValue"), variables.get(setting[0]), setting[0]);
        }
        Map<String, Object> registration = (Map<String, Object>) parameters.get("OAuthClientsRegistration");
        assertEquals(List.of("open", "closed"), registration.get("AllowedValues"));
        assertEquals("open", registration.get("Default"));
        assertEquals("OAuthClientsRegistration", variables.get("ACTIONGATE_OAUTH_CLIENTS_REGISTRATION"));
    }

    @Test
    void eachFunctionKnowsWhichFunctionItIs() {
        for (SecretParameter.Function function : SecretParameter.Function.values()) {
            Map<String, Object> environment = (Map<String, Object>) functions().get(function.templateName()).get("Environment");
            assertEquals(function.folder(), ((Map<String, Object>) environment.get("Variables")).get("ACTIONGATE_FUNCTION"));
        }
    }

    @Test
    void theGithubRefsAndReserveParametersReachTheFunctionsWithTheCodesDefault() {
        Map<String, Object> parameters = (Map<String, Object>) template.get("Parameters");
        Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                template.get("Globals")).get("Function")).get("Environment")).get("Variables");

        assertEquals(List.of("HasGithubRefs", "GithubRefs", "AWS::NoValue"), variables.get("ACTIONGATE_GITHUB_REFS"), "unset when empty");
        assertEquals("", ((Map<String, Object>) parameters.get("GithubRefs")).get("Default"));
        assertEquals("GithubRateLimitReserve", variables.get("ACTIONGATE_GITHUB_RATE_LIMIT_RESERVE"));
        assertEquals(dev.actiongate.config.GithubSettings.DEFAULT_RATE_LIMIT_RESERVE,
                ((Map<String, Object>) parameters.get("GithubRateLimitReserve")).get("Default"));
    }

    // ---- Operating ActionGate: logs, alarms, dashboard, tracing ----

    /** Lambda's log-level filtering needs the JSON log format; the levels are the parameters, each function keeps its own log group. */
    @Test
    void bothFunctionsLogJsonAtTheLevelsTheParametersSetInTheirOwnLogGroups() {
        Map<String, Map<String, Object>> parameters = (Map<String, Map<String, Object>>) template.get("Parameters");
        // The metrics are INFO lines (Embedded Metric Format): a higher level would have Lambda drop them.
        assertEquals(List.of("TRACE", "DEBUG", "INFO"), parameters.get("ApplicationLogLevel").get("AllowedValues"));
        assertEquals(List.of("DEBUG", "INFO", "WARN"), parameters.get("SystemLogLevel").get("AllowedValues"));
        assertEquals("INFO", parameters.get("ApplicationLogLevel").get("Default"));
        assertEquals("INFO", parameters.get("SystemLogLevel").get("Default"));
        Map<String, Map<String, Object>> resources = (Map<String, Map<String, Object>>) template.get("Resources");
        for (String function : List.of("OAuthFunction", "ApiFunction")) {
            String logGroup = function + "Logs";
            assertEquals(Map.of("LogGroup", logGroup, "LogFormat", "JSON", "ApplicationLogLevel", "ApplicationLogLevel",
                    "SystemLogLevel", "SystemLogLevel"), functions().get(function).get("LoggingConfig"), function);
            Map<String, Object> group = (Map<String, Object>) resources.get(logGroup).get("Properties");
            assertEquals("LogRetentionDays", group.get("RetentionInDays"), logGroup);
            assertEquals("/aws/lambda/" + functions().get(function).get("FunctionName"), group.get("LogGroupName"), logGroup);
        }
    }

    /** Every alarm on namespace ActionGate names a catalogued metric with exactly its dimensions; AWS's metrics as AWS names them. */
    @Test
    void everyAlarmNamesAMetricTheCodeEmitsOrOneOfAwsWithExactlyItsDimensions() {
        Map<String, Map<String, Object>> alarms = alarms();
        assertEquals(Set.of("OAuthFunctionErrorsAlarm", "ApiFunctionErrorsAlarm", "OAuthFunctionThrottlesAlarm", "ApiFunctionThrottlesAlarm",
                "HttpApi5xxRateAlarm", "ApiFunction5xxRateAlarm", "OAuthFunction5xxRateAlarm", "TokenExchangeUpstreamErrorsAlarm",
                "SignInFailureRateAlarm", "TableFailuresAlarm", "GithubRateLimitLowAlarm"), alarms.keySet());
        alarms.forEach((name, alarm) -> {
            List<MetricUse> uses = alarmMetrics(name, alarm);
            assertFalse(uses.isEmpty(), name + " watches no metric");
            uses.forEach(TemplateTest::assertNamedAsEmitted);
        });
    }

    @Test
    void theAlarmsWatchWhatTheyAreNamedFor() {
        Map<String, Map<String, Object>> alarms = alarms();
        assertEquals(Set.of("AWS/Lambda Errors FunctionName=OAuthFunction"), described(alarms, "OAuthFunctionErrorsAlarm"));
        assertEquals(Set.of("AWS/Lambda Errors FunctionName=ApiFunction"), described(alarms, "ApiFunctionErrorsAlarm"));
        assertEquals(Set.of("AWS/Lambda Throttles FunctionName=OAuthFunction"), described(alarms, "OAuthFunctionThrottlesAlarm"));
        assertEquals(Set.of("AWS/Lambda Throttles FunctionName=ApiFunction"), described(alarms, "ApiFunctionThrottlesAlarm"));
        assertEquals(Set.of("AWS/ApiGateway 5xx ApiId=HttpApi", "AWS/ApiGateway Count ApiId=HttpApi"), described(alarms, "HttpApi5xxRateAlarm"));
        assertEquals(Set.of("ActionGate Call Function=api", "ActionGate Call Function=api,StatusClass=5xx"), described(alarms, "ApiFunction5xxRateAlarm"));
        assertEquals(Set.of("ActionGate SignInFailed Function=oauth", "ActionGate SignInStarted Function=oauth"), described(alarms, "SignInFailureRateAlarm"));
        assertEquals(Set.of("ActionGate TokenExchange Function=oauth,Grant=authorization_code,Outcome=upstream_error",
                "ActionGate TokenExchange Function=oauth,Grant=refresh_token,Outcome=upstream_error"), described(alarms, "TokenExchangeUpstreamErrorsAlarm"));
        Set<String> exchanges = new java.util.TreeSet<>();
        for (String grant : List.of("authorization_code", "refresh_token")) {
            for (String outcome : List.of("ok", "refused", "upstream_error", "unavailable")) {
                exchanges.add("ActionGate TokenExchange Function=oauth,Grant=" + grant + ",Outcome=" + outcome);
            }
        }
        assertEquals(exchanges, described(alarms, "OAuthFunction5xxRateAlarm"), "every outcome counts in the rate's denominator");
        assertEquals(Set.of("ActionGate TableFailure Function=api,Store=usage", "ActionGate TableFailure Function=api,Store=audit",
                "ActionGate TableFailure Function=oauth,Store=replay", "ActionGate TableFailure Function=oauth,Store=callback",
                "ActionGate TableFailure Function=oauth,Store=refresh"), described(alarms, "TableFailuresAlarm"), "every store");
        assertEquals(Set.of("ActionGate GithubRateLimitRemaining Function=api"), described(alarms, "GithubRateLimitLowAlarm"));
    }

    /** The alarm fires where the code starts refusing reads: below the reserve it is given. */
    @Test
    void theGithubBudgetAlarmFiresBelowTheReserveTheApiKeepsAndOnlyWhenThereIsOne() {
        Map<String, Object> alarm = alarms().get("GithubRateLimitLowAlarm");
        Map<String, Object> properties = (Map<String, Object>) alarm.get("Properties");
        assertEquals("GithubRateLimitReserve", properties.get("Threshold"));
        assertEquals("LessThanThreshold", properties.get("ComparisonOperator"));
        assertEquals("Minimum", properties.get("Statistic"));
        assertEquals("HasGithubRateLimitReserve", alarm.get("Condition"));
        assertEquals(List.of(List.of("GithubRateLimitReserve", "0")), conditions().get("HasGithubRateLimitReserve"));
        Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                template.get("Globals")).get("Function")).get("Environment")).get("Variables");
        assertEquals("GithubRateLimitReserve", variables.get("ACTIONGATE_GITHUB_RATE_LIMIT_RESERVE"), "the same reserve reaches the code");
    }

    /** Each alarm tells the given topic and the e-mail topic, whichever is set, on alarm and on recovery; silence when no traffic. */
    @Test
    void everyAlarmNotifiesTheTopicOrTheEmailWhenSetAndTreatsNoDataAsNoTraffic() throws IOException {
        List<Object> actions = List.of(List.of("HasAlarmTopicArn", "AlarmTopicArn", "AWS::NoValue"),
                List.of("HasAlarmEmail", "AlarmEmailTopic", "AWS::NoValue"));
        String text = java.nio.file.Files.readString(Path.of("template.yaml"));
        alarms().forEach((name, alarm) -> {
            Map<String, Object> properties = (Map<String, Object>) alarm.get("Properties");
            assertEquals(actions, properties.get("AlarmActions"), name);
            assertEquals(actions, properties.get("OKActions"), name);
            assertEquals("notBreaching", properties.get("TreatMissingData"), name);
            assertTrue(String.valueOf(properties.get("AlarmName")).startsWith("${AWS::StackName}-"), name);
            assertTrue(properties.get("AlarmDescription") instanceof String description && !description.isBlank(), name);
            int at = text.indexOf("\n  " + name + ":\n");
            String before = text.substring(0, at).strip();
            assertTrue(before.substring(before.lastIndexOf('\n') + 1).strip().startsWith("#"), name + " has no comment saying why its threshold");
        });
        assertEquals(List.of(List.of("AlarmTopicArn", "")), conditions().get("HasAlarmTopicArn"));
        assertEquals(List.of(List.of("AlarmEmail", "")), conditions().get("HasAlarmEmail"));
        Map<String, Map<String, Object>> resources = (Map<String, Map<String, Object>>) template.get("Resources");
        assertEquals("HasAlarmEmail", resources.get("AlarmEmailTopic").get("Condition"));
        assertEquals("AWS::SNS::Topic", resources.get("AlarmEmailTopic").get("Type"));
        Map<String, Object> subscription = resources.get("AlarmEmailSubscription");
        assertEquals("HasAlarmEmail", subscription.get("Condition"));
        assertEquals(Map.of("TopicArn", "AlarmEmailTopic", "Protocol", "email", "Endpoint", "AlarmEmail"), subscription.get("Properties"));
        Map<String, Map<String, Object>> parameters = (Map<String, Map<String, Object>>) template.get("Parameters");
        assertEquals("", parameters.get("AlarmTopicArn").get("Default"));
        assertEquals("", parameters.get("AlarmEmail").get("Default"));
    }

    /** Every widget metric on ActionGate is a catalogued metric with exactly its dimensions, and every catalogued metric is on the dashboard. */
    @Test
    void theDashboardShowsEveryMetricTheCodeEmitsByItsExactDimensionsAndAwsMetricsAsAwsNamesThem() throws IOException {
        List<MetricUse> uses = dashboardMetrics(dashboardBody());
        uses.forEach(TemplateTest::assertNamedAsEmitted);
        Set<String> shown = uses.stream().filter(use -> use.namespace().equals(Metric.NAMESPACE)).map(MetricUse::name).collect(java.util.stream.Collectors.toSet());
        for (Metric metric : Metric.values()) {
            assertTrue(shown.contains(metric.metricName()), metric.metricName() + " is on no widget");
        }
        Set<String> aws = uses.stream().filter(use -> !use.namespace().equals(Metric.NAMESPACE)).map(use -> use.namespace() + " " + use.name() + " "
                + (use.exact() ? use.values() : Map.of())).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        assertEquals(new java.util.TreeSet<>(Set.of(
                "AWS/Lambda Duration {FunctionName=${OAuthFunction}}", "AWS/Lambda Duration {FunctionName=${ApiFunction}}",
                "AWS/Lambda Errors {FunctionName=${OAuthFunction}}", "AWS/Lambda Errors {FunctionName=${ApiFunction}}",
                "AWS/Lambda Throttles {FunctionName=${OAuthFunction}}", "AWS/Lambda Throttles {FunctionName=${ApiFunction}}",
                "AWS/ApiGateway 5xx {ApiId=${HttpApi}}")), aws);
        Map<String, Object> body = dashboardBody();
        List<String> durationStats = new ArrayList<>();
        for (Map<String, Object> widget : (List<Map<String, Object>>) body.get("widgets")) {
            for (List<Object> line : (List<List<Object>>) ((Map<String, Object>) widget.get("properties")).getOrDefault("metrics", List.of())) {
                if (line.size() > 1 && "Duration".equals(line.get(1))) {
                    durationStats.add(line.get(3) + " " + ((Map<String, Object>) line.getLast()).get("stat"));
                }
            }
        }
        assertEquals(Set.of("${OAuthFunction} p50", "${OAuthFunction} p99", "${ApiFunction} p50", "${ApiFunction} p99"), Set.copyOf(durationStats));
    }

    /** Tracing is off unless asked for; SAM grants AWSXrayWriteOnlyAccess only then (for any value but Disabled, hence no PassThrough). */
    @Test
    void tracingIsOffByDefaultAndActiveIsTheOnlyOtherChoice() {
        Map<String, Map<String, Object>> parameters = (Map<String, Map<String, Object>>) template.get("Parameters");
        assertEquals(List.of("Disabled", "Active"), parameters.get("Tracing").get("AllowedValues"));
        assertEquals("Disabled", parameters.get("Tracing").get("Default"));
        Map<String, Object> globals = (Map<String, Object>) ((Map<String, Object>) template.get("Globals")).get("Function");
        assertEquals("Tracing", globals.get("Tracing"));
        for (Map.Entry<String, Map<String, Object>> function : functions().entrySet()) {
            assertFalse(function.getValue().containsKey("Tracing"), function.getKey() + " overrides the parameter");
            for (Map<String, Object> statement : statements(function.getValue())) {
                assertFalse(TemplateTest.<String>list(statement.get("Action")).stream().anyMatch(action -> action.startsWith("xray:")),
                        function.getKey() + " grants X-Ray itself; SAM adds only what Active needs");
            }
        }
    }

    /** The checks above can fail: a misspelled name, a missing or extra dimension, an unknown value or namespace is caught. */
    @Test
    void theMetricCheckRefusesMisspelledNamesDimensionsAndValues() {
        MetricUse good = new MetricUse("probe", "ActionGate", "TokenExchange", Set.of("Function", "Grant", "Outcome"),
                Map.of("Function", "oauth", "Grant", "refresh_token", "Outcome", "upstream_error"), true);
        assertNamedAsEmitted(good);
        for (MetricUse bad : List.of(
                new MetricUse("probe", "ActionGate", "TokenExchanges", good.dimensions(), good.values(), true),
                new MetricUse("probe", "ActionGate", "TokenExchange", Set.of("Function", "Grant"), Map.of("Function", "oauth", "Grant", "refresh_token"), true),
                new MetricUse("probe", "ActionGate", "TokenExchange", Set.of("Grant", "Outcome"), Map.of("Grant", "refresh_token", "Outcome", "ok"), true),
                new MetricUse("probe", "ActionGate", "TokenExchange", good.dimensions(), Map.of("Function", "oauth", "Grant", "refresh_token", "Outcome", "upstream-error"), true),
                new MetricUse("probe", "ActionGate", "TokenExchange", good.dimensions(), Map.of("Function", "bridge", "Grant", "refresh_token", "Outcome", "ok"), true),
                new MetricUse("probe", "Actiongate", "TokenExchange", good.dimensions(), good.values(), true),
                new MetricUse("probe", "AWS/Lambda", "Error", Set.of("FunctionName"), Map.of("FunctionName", "ApiFunction"), true),
                new MetricUse("probe", "AWS/ApiGateway", "5XXError", Set.of("ApiId"), Map.of("ApiId", "HttpApi"), true),
                new MetricUse("probe", "AWS/ApiGateway", "5xx", Set.of("ApiName"), Map.of("ApiName", "HttpApi"), true))) {
            assertThrows(AssertionError.class, () -> assertNamedAsEmitted(bad), bad.toString());
        }
        assertThrows(AssertionError.class, () -> parseSearch("probe", "SEARCH('{ActionGate,Function} SignInStarted', 'Sum', 300)"), "a SEARCH without MetricName=");
        assertThrows(AssertionError.class, () -> parseSelect("probe", "SELECT SUM(Call) FROM SCHEMA(\"ActionGate\", Face, Function) WHERE Status = '5xx'"),
                "a filter on a dimension the SCHEMA does not name");
    }

    /** Dimension values each metric may carry (bounded sets; Function "all" is the local run and never deployed). */
    private static final Map<String, Set<String>> DIMENSION_VALUES = Map.of(
            "Function", Set.of("oauth", "api"),
            "ClientKind", Set.of("gpt", "mcp"),
            "Reason", Set.of("invalid_request", "invalid_scope", "invalid_target", "unsupported_response_type", "access_denied",
                    "provider_error", "expired", "replayed_callback", "not_approved_here", "unavailable", "missing_token", "invalid_token",
                    "insufficient_scope", "origin_not_allowed", "id_token", "rate_limited", "budget_low", "timeout", "refused"),
            "Grant", Set.of("authorization_code", "refresh_token"),
            "Outcome", Set.of("ok", "refused", "upstream_error", "unavailable"),
            "Face", Set.of("gpt", "mcp"),
            "StatusClass", Set.of("2xx", "4xx", "5xx"),
            "Status", Set.of("401", "403"),
            "Store", Set.of("usage", "audit", "replay", "callback", "refresh"),
            "Endpoint", Set.of("token", "discovery", "jwks", "revocation"));

    /** AWS's own metrics the template may name: namespace, metric names, the one dimension and the template names it may take. */
    private static final Map<String, Map.Entry<Set<String>, Map.Entry<String, Set<String>>>> AWS_METRICS = Map.of(
            "AWS/Lambda", Map.entry(Set.of("Errors", "Throttles", "Duration", "Invocations"),
                    Map.entry("FunctionName", Set.of("OAuthFunction", "ApiFunction", "${OAuthFunction}", "${ApiFunction}"))),
            // HTTP APIs (not REST APIs, whose names are 5XXError and ApiName): 4xx, 5xx, Count, Latency by ApiId.
            "AWS/ApiGateway", Map.entry(Set.of("4xx", "5xx", "Count", "Latency", "IntegrationLatency"),
                    Map.entry("ApiId", Set.of("HttpApi", "${HttpApi}"))));

    /**
     * One metric an alarm or a widget reads: its dimension names and the values it fixes. {@code exact} when it
     * names one metric (all dimensions with values); a SEARCH or Metrics Insights SCHEMA names the dimension set
     * and filters some values.
     */
    record MetricUse(String where, String namespace, String name, Set<String> dimensions, Map<String, String> values, boolean exact) {
    }

    static void assertNamedAsEmitted(MetricUse use) {
        String where = use.where() + ": " + use.namespace() + " " + use.name();
        assertTrue(use.dimensions().containsAll(use.values().keySet()), where + " filters a dimension it does not name");
        if (use.exact()) {
            assertEquals(use.dimensions(), use.values().keySet(), where + " leaves a dimension without a value");
        }
        if (use.namespace().equals(Metric.NAMESPACE)) {
            Metric metric = java.util.Arrays.stream(Metric.values()).filter(m -> m.metricName().equals(use.name())).findFirst()
                    .orElseThrow(() -> new AssertionError(where + " is not in dev.actiongate.telemetry.Metric"));
            // CloudWatch identifies a metric by its name and all its dimensions: one of the sets the code publishes it under
            Set<Set<String>> published = metric.dimensionSets().stream().map(java.util.TreeSet::new).collect(java.util.stream.Collectors.toSet());
            assertTrue(published.contains(new java.util.TreeSet<>(use.dimensions())),
                    where + ": " + use.dimensions() + " is not a dimension set it is published under, " + published);
            use.values().forEach((dimension, value) -> assertTrue(DIMENSION_VALUES.get(dimension).contains(value),
                    where + ": " + dimension + "=" + value + " is never emitted"));
        } else {
            var aws = AWS_METRICS.get(use.namespace());
            assertTrue(aws != null, where + ": namespace is neither ActionGate nor one of AWS's the template uses");
            assertTrue(aws.getKey().contains(use.name()), where + " is not a metric AWS publishes there");
            assertEquals(Set.of(aws.getValue().getKey()), use.dimensions(), where);
            use.values().values().forEach(value -> assertTrue(aws.getValue().getValue().contains(value), where + ": " + value));
        }
    }

    private static Map<String, Map<String, Object>> alarms() {
        Map<String, Map<String, Object>> alarms = new java.util.TreeMap<>();
        ((Map<String, Map<String, Object>>) template.get("Resources")).forEach((name, resource) -> {
            if ("AWS::CloudWatch::Alarm".equals(resource.get("Type"))) {
                alarms.put(name, resource);
            }
        });
        return alarms;
    }

    private static Map<String, Object> conditions() {
        return (Map<String, Object>) template.get("Conditions");
    }

    /** "namespace name k=v,..." of each metric an alarm reads. */
    private static Set<String> described(Map<String, Map<String, Object>> alarms, String alarm) {
        Set<String> described = new java.util.TreeSet<>();
        for (MetricUse use : alarmMetrics(alarm, alarms.get(alarm))) {
            described.add(use.namespace() + " " + use.name() + " " + String.join(",", new java.util.TreeMap<>(use.values()).entrySet().stream()
                    .map(entry -> entry.getKey() + "=" + entry.getValue()).toList()));
        }
        return described;
    }

    private static List<MetricUse> alarmMetrics(String name, Map<String, Object> alarm) {
        Map<String, Object> properties = (Map<String, Object>) alarm.get("Properties");
        List<MetricUse> uses = new ArrayList<>();
        if (properties.containsKey("MetricName")) {
            assertFalse(properties.containsKey("Metrics"), name);
            uses.add(exact(name, (String) properties.get("Namespace"), (String) properties.get("MetricName"), properties.get("Dimensions")));
        }
        Set<String> ids = new java.util.HashSet<>();
        List<String> expressions = new ArrayList<>();
        for (Map<String, Object> query : TemplateTest.<Map<String, Object>>list(properties.get("Metrics"))) {
            ids.add((String) query.get("Id"));
            if (query.get("MetricStat") instanceof Map<?, ?> stat) {
                Map<String, Object> metric = (Map<String, Object>) stat.get("Metric");
                uses.add(exact(name, (String) metric.get("Namespace"), (String) metric.get("MetricName"), metric.get("Dimensions")));
            } else {
                String expression = (String) query.get("Expression");
                assertFalse(expression.contains("SEARCH"), name + ": SEARCH is not allowed in alarms");
                if (expression.strip().startsWith("SELECT")) {
                    uses.add(parseSelect(name, expression));
                } else {
                    expressions.add(expression);
                }
            }
        }
        assertEquals(1, TemplateTest.<Map<String, Object>>list(properties.get("Metrics")).stream()
                .filter(query -> !Boolean.FALSE.equals(query.get("ReturnData"))).count() + (properties.containsKey("Metrics") ? 0 : 1), name + ": one series returned");
        Set<String> functions = Set.of("IF", "FILL", "SUM");
        for (String expression : expressions) {
            java.util.regex.Matcher word = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*").matcher(expression);
            while (word.find()) {
                assertTrue(ids.contains(word.group()) || functions.contains(word.group()), name + ": " + word.group() + " in " + expression + " names no query");
            }
        }
        return uses;
    }

    private static MetricUse exact(String where, String namespace, String name, Object dimensions) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map<String, Object> dimension : TemplateTest.<Map<String, Object>>list(dimensions)) {
            assertTrue(values.put((String) dimension.get("Name"), String.valueOf(dimension.get("Value"))) == null, where + " repeats " + dimension.get("Name"));
        }
        return new MetricUse(where, namespace, name, values.keySet(), values, true);
    }

    private static final Pattern SELECT = Pattern.compile(
            "SELECT\\s+(?:SUM|AVG|MIN|MAX|COUNT)\\((\\w+)\\)\\s+FROM\\s+SCHEMA\\(\\s*\"?([\\w/]+)\"?((?:\\s*,\\s*\\w+)*)\\s*\\)(?:\\s+WHERE\\s+(.+))?");

    /** A Metrics Insights query: SCHEMA(namespace, every dimension) names exactly one dimension set; WHERE fixes some values. */
    static MetricUse parseSelect(String where, String query) {
        java.util.regex.Matcher select = SELECT.matcher(query.strip());
        assertTrue(select.matches(), where + ": not a SELECT ... FROM SCHEMA(...) query: " + query);
        Set<String> dimensions = new java.util.TreeSet<>();
        for (String dimension : select.group(3).split(",")) {
            if (!dimension.isBlank()) {
                dimensions.add(dimension.strip());
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        if (select.group(4) != null) {
            for (String condition : select.group(4).split("\\s+AND\\s+")) {
                java.util.regex.Matcher equals = Pattern.compile("(\\w+)\\s*=\\s*'([^']*)'").matcher(condition.strip());
                assertTrue(equals.matches(), where + ": " + condition);
                assertTrue(dimensions.contains(equals.group(1)), where + ": WHERE " + equals.group(1) + " is not in the SCHEMA");
                values.put(equals.group(1), equals.group(2));
            }
        }
        return new MetricUse(where, select.group(2), select.group(1), dimensions, values, false);
    }

    private static final Pattern SEARCH = Pattern.compile("SEARCH\\(\\s*'\\s*\\{([^}]*)\\}([^']*)'\\s*,\\s*'(\\w+)'\\s*,\\s*(\\d+)\\s*\\)");

    /** A SEARCH over {namespace, every dimension} with MetricName="..." and perhaps dimension="value" terms, nothing else. */
    static MetricUse parseSearch(String where, String expression) {
        java.util.regex.Matcher search = SEARCH.matcher(expression.strip());
        assertTrue(search.matches(), where + ": not SEARCH('{namespace,dimensions} MetricName=\"...\"', 'stat', period): " + expression);
        List<String> schema = java.util.Arrays.stream(search.group(1).split(",")).map(String::strip).toList();
        Set<String> dimensions = new java.util.TreeSet<>(schema.subList(1, schema.size()));
        Map<String, String> values = new LinkedHashMap<>();
        java.util.regex.Matcher term = Pattern.compile("(\\w+)\\s*=\\s*\"([^\"]*)\"").matcher(search.group(2));
        String rest = search.group(2);
        String name = null;
        while (term.find()) {
            if (term.group(1).equals("MetricName")) {
                name = term.group(2);
            } else {
                values.put(term.group(1), term.group(2));
            }
            rest = rest.replace(term.group(), "");
        }
        assertTrue(name != null, where + ": a SEARCH names its metric with MetricName=\"...\": " + expression);
        assertTrue(rest.isBlank(), where + ": free text in a SEARCH matches more than one metric: " + rest);
        return new MetricUse(where, schema.getFirst(), name, dimensions, values, false);
    }

    /** The dashboard body: its !Sub placeholders checked (a parameter, a resource or AWS::...), Number parameters put in as their defaults. */
    private static Map<String, Object> dashboardBody() throws IOException {
        Map<String, Map<String, Object>> resources = (Map<String, Map<String, Object>>) template.get("Resources");
        Map<String, Map<String, Object>> parameters = (Map<String, Map<String, Object>>) template.get("Parameters");
        String body = (String) ((Map<String, Object>) resources.get("Dashboard").get("Properties")).get("DashboardBody");
        java.util.regex.Matcher placeholder = Pattern.compile("\\$\\{([^}]*)}").matcher(body);
        StringBuilder substituted = new StringBuilder();
        while (placeholder.find()) {
            String name = placeholder.group(1);
            assertTrue(name.startsWith("AWS::") || parameters.containsKey(name) || resources.containsKey(name), "dashboard: ${" + name + "} names nothing");
            String value = parameters.containsKey(name) && "Number".equals(parameters.get(name).get("Type"))
                    ? String.valueOf(parameters.get(name).get("Default")) : placeholder.group();
            placeholder.appendReplacement(substituted, java.util.regex.Matcher.quoteReplacement(value));
        }
        placeholder.appendTail(substituted);
        return new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .readValue(substituted.toString(), Map.class);
    }

    private static List<MetricUse> dashboardMetrics(Map<String, Object> body) {
        List<MetricUse> uses = new ArrayList<>();
        List<Map<String, Object>> widgets = (List<Map<String, Object>>) body.get("widgets");
        assertFalse(widgets.isEmpty());
        for (Map<String, Object> widget : widgets) {
            Map<String, Object> properties = (Map<String, Object>) widget.get("properties");
            String where = "widget \"" + properties.get("title") + "\"";
            assertEquals("metric", widget.get("type"), where);
            assertEquals("${AWS::Region}", properties.get("region"), where);
            List<List<Object>> lines = (List<List<Object>>) properties.get("metrics");
            assertFalse(lines == null || lines.isEmpty(), where + " shows nothing");
            for (List<Object> line : lines) {
                if (line.getFirst() instanceof Map<?, ?> options) {
                    assertEquals(1, line.size(), where);
                    String expression = (String) options.get("expression");
                    java.util.regex.Matcher search = Pattern.compile("SEARCH\\([^)]*\\)").matcher(expression);
                    assertTrue(search.find(), where + ": an expression that searches nothing: " + expression);
                    uses.add(parseSearch(where, search.group()));
                } else {
                    assertFalse(line.contains("."), where + ": name every metric in full, not by \".\"");
                    List<Object> parts = line.getLast() instanceof Map<?, ?> ? line.subList(0, line.size() - 1) : line;
                    assertEquals(0, parts.size() % 2, where + ": namespace, name, then dimension name and value pairs: " + line);
                    Map<String, String> values = new LinkedHashMap<>();
                    for (int i = 2; i < parts.size(); i += 2) {
                        values.put((String) parts.get(i), (String) parts.get(i + 1));
                    }
                    uses.add(new MetricUse(where, (String) parts.get(0), (String) parts.get(1), values.keySet(), values, true));
                }
            }
        }
        return uses;
    }

    private static boolean grants(Map<String, Object> function, String action, String parameterPath) {
        return statements(function).stream().anyMatch(statement -> "Allow".equals(statement.get("Effect"))
                && list(statement.get("Action")).contains(action)
                && TemplateTest.<String>list(statement.get("Resource")).stream().anyMatch(resource -> matches(resource, parameterPath)));
    }

    private static boolean matches(String resourceArn, String parameterPath) {
        String prefix = "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter";
        if (!resourceArn.startsWith(prefix)) {
            return false;
        }
        String glob = resourceArn.substring(prefix.length());
        return Pattern.compile(Pattern.quote(glob).replace("*", "\\E.*\\Q")).matcher(parameterPath).matches();
    }

    private static List<Map<String, Object>> statements(Map<String, Object> function) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : list(function.get("Policies"))) {
            if (policy instanceof Map<?, ?> document && document.get("Statement") instanceof List<?> list) {
                list.forEach(statement -> statements.add((Map<String, Object>) statement));
            }
        }
        return statements;
    }

    private static <T> List<T> list(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> list ? (List<T>) list : List.of((T) value);
    }
}
