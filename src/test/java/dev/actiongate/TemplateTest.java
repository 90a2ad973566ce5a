package dev.actiongate;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.actiongate.config.IdpSettings;
import dev.actiongate.config.OAuthSettings;
import dev.actiongate.config.SecretParameter;
import dev.actiongate.config.SettingsReader;
import dev.actiongate.dynamodb.TableLayout;
import dev.actiongate.security.RequestableScopes;
import dev.actiongate.ssm.SsmSecrets;
import dev.actiongate.testing.CloudFormationYaml;
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
    void theOutputsGiveWhatTheGptEditorAsksFor() {
        Map<String, Object> outputs = (Map<String, Object>) template.get("Outputs");
        for (String output : List.of("ApiUrl", "AuthorizationUrl", "TokenUrl", "OpenApiUrl", "PrivacyPolicyUrl", "Scopes")) {
            assertTrue(outputs.containsKey(output), output);
        }
        assertTrue(String.valueOf(((Map<String, Object>) outputs.get("AuthorizationUrl")).get("Value")).endsWith("/authorize"));
        assertTrue(String.valueOf(((Map<String, Object>) outputs.get("TokenUrl")).get("Value")).endsWith("/token"));
        assertTrue(String.valueOf(((Map<String, Object>) outputs.get("OpenApiUrl")).get("Value")).endsWith("/openapi.json"));
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
                "Projection", Map.of("ProjectionType", "ALL"))), table.get("GlobalSecondaryIndexes"));

        assertEquals(Map.of("dynamodb:GetItem", Set.of(TableLayout.REPLAY_PREFIX + "*", TableLayout.REFRESH_PREFIX + "*"),
                "dynamodb:PutItem", Set.of(TableLayout.REPLAY_PREFIX + "*", TableLayout.CALLBACK_PREFIX + "*", TableLayout.REFRESH_PREFIX + "*"),
                "dynamodb:DeleteItem", Set.of(TableLayout.REPLAY_PREFIX + "*"),
                "dynamodb:UpdateItem", Set.of(TableLayout.REFRESH_PREFIX + "*")), tableAccess("OAuthFunction"));
        assertEquals(Map.of("dynamodb:PutItem", Set.of(TableLayout.AUDIT_PREFIX + "*"),
                "dynamodb:UpdateItem", Set.of(TableLayout.USAGE_PREFIX + "*", TableLayout.USER_PREFIX + "*"),
                "dynamodb:GetItem", Set.of(TableLayout.USAGE_PREFIX + "*", TableLayout.USER_PREFIX + "*"),
                "dynamodb:Query", Set.of(TableLayout.USAGE_PREFIX + "*", TableLayout.USER_PREFIX + "*", TableLayout.DAY_PREFIX + "*")),
                tableAccess("ApiFunction"));
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
