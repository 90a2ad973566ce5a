package dev.actiongate.ssm;

import dev.actiongate.testing.TestIdentityProvider;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The same secret load against LocalStack's SSM; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class SsmSecretsLocalStackTest {

    @Container
    private static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
            .withServices(LocalStackContainer.Service.SSM);

    @Test
    void secureStringsAreReadDecryptedFromTheFunctionsFolder() {
        try (SsmClient ssm = SsmClient.builder()
                .endpointOverride(LOCALSTACK.getEndpointOverride(LocalStackContainer.Service.SSM))
                .region(Region.of(LOCALSTACK.getRegion()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey())))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
            Map<String, String> secrets = Map.of("gpt-client-secret", "gpt-secret", "idp-client-secret", "idp-secret",
                    "state-key", TestIdentityProvider.STATE_KEY);
            secrets.forEach((name, value) -> ssm.putParameter(put -> put.name("/actiongate/test/oauth/" + name).value(value)
                    .type(ParameterType.SECURE_STRING)));
            ssm.putParameter(put -> put.name("/actiongate/test/api/github-token").value("ghp_x").type(ParameterType.SECURE_STRING));

            Map<String, Object> properties = new SsmSecrets(ssm).load("/actiongate/test/oauth");

            assertEquals(Map.of("actiongate.gpt.client-secret", "gpt-secret", "actiongate.idp.client-secret", "idp-secret",
                    "actiongate.state-key", TestIdentityProvider.STATE_KEY), properties, "the other function's folder is not read");
        }
    }
}
