package dev.actiongate;

import dev.actiongate.testing.ChatGptAndBrowser;
import dev.actiongate.testing.CloudFormationYaml;
import dev.actiongate.testing.DeployedTemplate;
import dev.actiongate.testing.Gates;
import dev.actiongate.testing.RunningActionGate;
import dev.actiongate.testing.TestIdentityProvider;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The optional custom domain of template.yaml, deployed without and with one: what the stack creates, the
 * URLs its outputs print, the root the functions are given, and that the running code names exactly those URLs.
 */
@SuppressWarnings("unchecked")
class CustomDomainTest {

    private static final String DOMAIN = "actiongate.example.com";
    private static final String CERTIFICATE = "arn:aws:acm:eu-west-1:123456789012:certificate/6f0b3c1e-2d4a-4b8e-9f1a-0c2d3e4f5a6b";
    private static final String EXECUTE_API = "https://${HttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}";

    /** Each output that is a URL, and its path on the root. */
    private static final Map<String, String> URL_OUTPUTS = Map.of("ApiUrl", "", "AuthorizationUrl", "/authorize",
            "TokenUrl", "/token", "CallbackUrl", "/oauth/callback", "OpenApiUrl", "/openapi.json",
            "PrivacyPolicyUrl", "/privacy", "McpUrl", "/mcp", "AdminUrl", "/admin", "AdminCallbackUrl", "/admin/callback");

    @RegisterExtension
    static final Gates gates = Gates.withProvider();

    @Test
    void withoutADomainTheStackCreatesNoneAndItsUrlsAreTheExecuteApiEndpoint() throws IOException {
        DeployedTemplate stack = DeployedTemplate.of(required());

        assertFalse(stack.resources().containsKey("ApiDomainName"));
        assertFalse(stack.resources().containsKey("ApiDomainMapping"));
        assertEquals(false, ((Map<String, Object>) stack.resources().get("HttpApi").get("Properties")).get("DisableExecuteApiEndpoint"));
        URL_OUTPUTS.forEach((output, path) -> assertEquals(EXECUTE_API + path, stack.outputs().get(output), output));
        assertFalse(stack.outputs().containsKey("DomainTarget"));
        assertFalse(environment(stack).containsKey("ACTIONGATE_PUBLIC_BASE_URL"), "the request's host is the root");
        assertEquals(List.of(), stack.brokenRules());
    }

    @Test
    void withADomainEveryUrlIsOnItTheFunctionsKnowItAndTheExecuteApiEndpointIsOff() throws IOException {
        DeployedTemplate stack = DeployedTemplate.of(withDomain());
        Map<String, Map<String, Object>> resources = stack.resources();

        Map<String, Object> domain = (Map<String, Object>) resources.get("ApiDomainName").get("Properties");
        assertEquals("AWS::ApiGatewayV2::DomainName", resources.get("ApiDomainName").get("Type"));
        assertEquals(DOMAIN, domain.get("DomainName"));
        assertEquals(List.of(Map.of("CertificateArn", CERTIFICATE, "EndpointType", "REGIONAL", "SecurityPolicy", "TLS_1_2")),
                domain.get("DomainNameConfigurations"));
        // The API's $default stage at the domain's root: no ApiMappingKey, so paths reach the code unprefixed.
        assertEquals("AWS::ApiGatewayV2::ApiMapping", resources.get("ApiDomainMapping").get("Type"));
        assertEquals(Map.of("DomainName", Map.of("Ref", "ApiDomainName"), "ApiId", Map.of("Ref", "HttpApi"), "Stage", Map.of("Ref", "HttpApi.Stage")),
                resources.get("ApiDomainMapping").get("Properties"));
        assertEquals(true, ((Map<String, Object>) resources.get("HttpApi").get("Properties")).get("DisableExecuteApiEndpoint"),
                "one host: the issuer, the MCP resource and the schema's server are all on the domain");

        URL_OUTPUTS.forEach((output, path) -> assertEquals("https://" + DOMAIN + path, stack.outputs().get(output), output));
        assertEquals(Map.of("Fn::GetAtt", "ApiDomainName.RegionalDomainName"), stack.outputs().get("DomainTarget"));
        assertEquals("https://" + DOMAIN, environment(stack).get("ACTIONGATE_PUBLIC_BASE_URL"));
        assertEquals(List.of(), stack.brokenRules());
    }

    @Test
    void theRunningCodeNamesTheUrlsTheOutputsPrint() throws IOException {
        DeployedTemplate stack = DeployedTemplate.of(withDomain());
        Map<String, Object> outputs = stack.outputs();
        Map<String, Object> settings = new LinkedHashMap<>(gates.settings());
        settings.put("actiongate.public-base-url", environment(stack).get("ACTIONGATE_PUBLIC_BASE_URL"));

        try (RunningActionGate gate = new RunningActionGate(settings)) {
            Map<String, Object> server = json(gate.get("/.well-known/oauth-authorization-server"));
            assertEquals(outputs.get("ApiUrl"), server.get("issuer"));
            assertEquals(outputs.get("AuthorizationUrl"), server.get("authorization_endpoint"));
            assertEquals(outputs.get("TokenUrl"), server.get("token_endpoint"));
            assertEquals(outputs.get("McpUrl"), json(gate.get("/.well-known/oauth-protected-resource/mcp")).get("resource"));
            assertEquals(List.of(Map.of("url", outputs.get("ApiUrl"))), json(gate.get("/openapi.json")).get("servers"));

            HttpResponse<String> authorize = gate.get("/authorize?" + ChatGptAndBrowser.form(Map.of("response_type", "code",
                    "client_id", TestIdentityProvider.GPT_CLIENT_ID, "redirect_uri", TestIdentityProvider.GPT_REDIRECT_URI,
                    "scope", "workflows:read", "state", "s")));
            assertEquals(302, authorize.statusCode(), authorize.body());
            URI upstream = URI.create(authorize.headers().firstValue("Location").orElseThrow());
            assertEquals(outputs.get("CallbackUrl"), ChatGptAndBrowser.parse(upstream.getRawQuery()).get("redirect_uri"),
                    "the callback URL registered at the provider is the one the bridge sends");
        }
    }

    @Test
    void aDomainNeedsItsCertificateAndLeavesPublicBaseUrlEmpty() throws IOException {
        Map<String, String> domainOnly = required();
        domainOnly.put("DomainName", DOMAIN);
        assertEquals(List.of("DomainName needs CertificateArn, the ARN of an issued ACM certificate for that name in this region."),
                DeployedTemplate.of(domainOnly).brokenRules());

        Map<String, String> certificateOnly = required();
        certificateOnly.put("CertificateArn", CERTIFICATE);
        assertEquals(List.of("CertificateArn is used only together with DomainName."), DeployedTemplate.of(certificateOnly).brokenRules());

        Map<String, String> both = withDomain();
        both.put("PublicBaseUrl", "https://gate.example.org");
        assertEquals(List.of("With DomainName set, leave PublicBaseUrl empty; ActionGate's root is then https://<DomainName>."),
                DeployedTemplate.of(both).brokenRules());
    }

    @Test
    void theDomainParameterTakesAHostNameAndTheCertificateAnAcmArn() throws IOException {
        Map<String, Map<String, Object>> parameters = (Map<String, Map<String, Object>>) CloudFormationYaml.read(Path.of("template.yaml")).get("Parameters");
        // CloudFormation matches AllowedPattern against the whole value, as Java's matches() does.
        Pattern domain = Pattern.compile((String) parameters.get("DomainName").get("AllowedPattern"));
        for (String accepted : List.of("", DOMAIN, "gate.eu-west-1.acme.io", "a.co")) {
            assertTrue(domain.matcher(accepted).matches(), accepted);
        }
        for (String refused : List.of("https://" + DOMAIN, DOMAIN + "/", "ActionGate.example.com", "localhost", "-a.example.com", "*.example.com")) {
            assertFalse(domain.matcher(refused).matches(), refused);
        }
        Pattern certificate = Pattern.compile((String) parameters.get("CertificateArn").get("AllowedPattern"));
        assertTrue(certificate.matcher(CERTIFICATE).matches());
        assertTrue(certificate.matcher("").matches());
        assertFalse(certificate.matcher("arn:aws:iam::123456789012:server-certificate/gate").matches());
        assertEquals("", parameters.get("DomainName").get("Default"));
        assertEquals("", parameters.get("CertificateArn").get("Default"));
    }

    private static Map<String, String> required() {
        Map<String, String> values = new HashMap<>();
        values.put("IdpIssuer", "https://auth.example.com/");
        values.put("IdpAudience", "https://actiongate.example.com/api");
        return values;
    }

    private static Map<String, String> withDomain() {
        Map<String, String> values = required();
        values.put("DomainName", DOMAIN);
        values.put("CertificateArn", CERTIFICATE);
        return values;
    }

    private static Map<String, Object> environment(DeployedTemplate stack) {
        return (Map<String, Object>) ((Map<String, Object>) stack.functionGlobals().get("Environment")).get("Variables");
    }

    private static Map<String, Object> json(HttpResponse<String> response) throws IOException {
        assertEquals(200, response.statusCode(), response.body());
        return JsonMapper.createDefault().readValue(response.body(), Argument.mapOf(String.class, Object.class));
    }
}
