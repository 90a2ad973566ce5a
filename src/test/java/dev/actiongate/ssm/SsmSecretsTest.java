package dev.actiongate.ssm;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.actiongate.config.InvalidSettingException;
import dev.actiongate.config.Secrets;
import dev.actiongate.lambda.ActionGateFunction;
import dev.actiongate.testing.SsmStub;
import dev.actiongate.testing.TestIdentityProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The real AWS SDK against WireMock speaking SSM's JSON protocol, as Lambda would reach SSM. */
class SsmSecretsTest {

    private static WireMockServer wire;
    private static SsmStub ssm;
    private final List<String> systemProperties = new ArrayList<>();

    @BeforeAll
    static void start() {
        wire = new WireMockServer(wireMockConfig().dynamicPort());
        wire.start();
        ssm = new SsmStub(wire);
    }

    @AfterAll
    static void stop() {
        wire.stop();
    }

    @BeforeEach
    void reset() {
        wire.resetAll();
    }

    @AfterEach
    void clearSystemProperties() {
        systemProperties.forEach(System::clearProperty);
    }

    @Test
    void everySecretOfTheFunctionIsReadDecryptedAcrossPagesWithSignedRequests() {
        ssm.parameters("/actiongate/prod/oauth", List.of(
                List.of(Map.entry("/actiongate/prod/oauth/gpt-client-secret", "gpt-from-ssm"),
                        Map.entry("/actiongate/prod/oauth/idp-client-secret", "idp-from-ssm")),
                List.of(Map.entry("/actiongate/prod/oauth/state-key", TestIdentityProvider.STATE_KEY))));

        Map<String, Object> properties;
        try (SsmClient client = ssm.client()) {
            properties = new SsmSecrets(client).load("/actiongate/prod/oauth");
        }

        assertEquals(Map.of("actiongate.gpt.client-secret", "gpt-from-ssm", "actiongate.idp.client-secret", "idp-from-ssm",
                "actiongate.state-key", TestIdentityProvider.STATE_KEY), properties);
        String today = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE);
        wire.verify(2, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParametersByPath"))
                .withHeader("Content-Type", equalTo("application/x-amz-json-1.1"))
                .withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential=" + SsmStub.ACCESS_KEY + "/" + today
                        + "/eu-west-1/ssm/aws4_request, SignedHeaders=.*, Signature=[0-9a-f]{64}"))
                .withRequestBody(matchingJsonPath("$.Path", equalTo("/actiongate/prod/oauth")))
                .withRequestBody(matchingJsonPath("$.WithDecryption", equalTo("true"))));
        wire.verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("\"NextToken\":\"page-2\"")));
    }

    @Test
    void aMissingSecretStopsStartUpNamingItsPathAndHowToCreateIt() {
        ssm.parameters("/actiongate/prod/oauth", List.of(List.of(Map.entry("/actiongate/prod/oauth/gpt-client-secret", "gpt-from-ssm"),
                Map.entry("/actiongate/prod/oauth/state-key", TestIdentityProvider.STATE_KEY))));

        InvalidSettingException failure;
        try (SsmClient client = ssm.client()) {
            failure = assertThrows(InvalidSettingException.class, () -> new SsmSecrets(client).load("/actiongate/prod/oauth"));
        }

        assertEquals("SSM parameter /actiongate/prod/oauth/idp-client-secret is missing: create it with `aws ssm put-parameter "
                + "--type SecureString --name /actiongate/prod/oauth/idp-client-secret --value ...` (see README, \"Secrets\")", failure.getMessage());
        assertFalse(failure.getMessage().contains("gpt-from-ssm"));
    }

    @Test
    void aDeniedReadStopsStartUpSayingWhatThePolicyNeeds() {
        ssm.accessDenied();

        InvalidSettingException failure;
        try (SsmClient client = ssm.client()) {
            failure = assertThrows(InvalidSettingException.class, () -> new SsmSecrets(client).load("/actiongate/prod/api"));
        }

        assertEquals("SSM parameter /actiongate/prod/api/* could not be read: access denied. The function's role must allow "
                + "ssm:GetParametersByPath on this path and kms:Decrypt through SSM (template.yaml grants both)", failure.getMessage());
    }

    @Test
    void theApiFunctionMayStartBeforeAGithubTokenExists() {
        ssm.parameters("/actiongate/prod/api", List.of(List.of()));

        try (SsmClient client = ssm.client()) {
            assertEquals(Map.of(), new SsmSecrets(client).load("/actiongate/prod/api"));
        }
    }

    @Test
    void theLambdaHandlerStartsWithTheSecretsFromSsmOverTheEnvironment() {
        try (TestIdentityProvider idp = new TestIdentityProvider()) {
            idp.settings().forEach((name, value) -> property(name, value.toString()));
            property("actiongate.gpt.client-secret", "stale-value-from-the-environment");
            property("actiongate.ssm.path", "/actiongate/prod/oauth");
            property("actiongate.ssm.endpoint", wire.baseUrl());
            property("aws.region", "eu-west-1");
            property("aws.accessKeyId", SsmStub.ACCESS_KEY);
            property("aws.secretAccessKey", "test-secret-key");
            ssm.parameters("/actiongate/prod/oauth", List.of(List.of(
                    Map.entry("/actiongate/prod/oauth/gpt-client-secret", "gpt-from-ssm"),
                    Map.entry("/actiongate/prod/oauth/idp-client-secret", "idp-from-ssm"),
                    Map.entry("/actiongate/prod/oauth/state-key", TestIdentityProvider.STATE_KEY))));

            ActionGateFunction function = new ActionGateFunction();
            try {
                Secrets secrets = function.getApplicationContext().getBean(Secrets.class);
                assertEquals("gpt-from-ssm", secrets.requiredGptClientSecret().reveal());
            } finally {
                function.getApplicationContext().close();
            }

            ssm.parameters("/actiongate/prod/oauth", List.of(List.of(Map.entry("/actiongate/prod/oauth/gpt-client-secret", "gpt-from-ssm"))));
            InvalidSettingException failure = assertThrows(InvalidSettingException.class, ActionGateFunction::new);
            assertEquals(0, failure.getStackTrace().length, "one line, no stack trace");
        }
    }

    private void property(String name, String value) {
        System.setProperty(name, value);
        systemProperties.add(name);
    }
}
