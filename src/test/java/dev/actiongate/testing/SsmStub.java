package dev.actiongate.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.not;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * SSM Parameter Store's JSON protocol (AWS JSON 1.1, {@code X-Amz-Target: AmazonSSM.GetParametersByPath})
 * on WireMock, in the shapes AWS documents, for the real SDK client to talk to.
 */
public final class SsmStub {

    public static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String TARGET = "AmazonSSM.GetParametersByPath";

    private final WireMockServer wire;

    public SsmStub(WireMockServer wire) {
        this.wire = wire;
    }

    public SsmClient client() {
        return SsmClient.builder()
                .endpointOverride(URI.create(wire.baseUrl()))
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, "test-secret-key")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    /** The parameters under a path, one list per page; page n is answered with NextToken page-(n+1). */
    public void parameters(String path, List<List<Map.Entry<String, String>>> pages) {
        wire.resetAll();
        for (int page = 0; page < pages.size(); page++) {
            String next = page + 1 < pages.size() ? ", \"NextToken\": \"page-" + (page + 2) + "\"" : "";
            var request = post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))
                    .withRequestBody(matchingJsonPath("$.Path", equalTo(path)));
            request = page == 0 ? request.withRequestBody(not(containing("NextToken")))
                    : request.withRequestBody(containing("\"NextToken\":\"page-" + (page + 1) + "\""));
            String parameters = pages.get(page).stream().map(parameter -> """
                    {"Name": "%s", "Type": "SecureString", "Value": "%s", "Version": 3, "LastModifiedDate": 1.7636E9,
                     "ARN": "arn:aws:ssm:eu-west-1:123456789012:parameter%s", "DataType": "text"}"""
                    .formatted(parameter.getKey(), parameter.getValue(), parameter.getKey())).collect(Collectors.joining(","));
            wire.stubFor(request.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withHeader("x-amzn-RequestId", "2f3c8a51-0000-4000-8000-000000000000")
                    .withBody("{\"Parameters\": [" + parameters + "]" + next + "}")));
        }
    }

    public void accessDenied() {
        wire.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withHeader("x-amzn-RequestId", "2f3c8a51-0000-4000-8000-000000000001")
                .withBody("{\"__type\": \"AccessDeniedException\", \"message\": \"User: arn:aws:sts::123456789012:assumed-role/actiongate-api/fn "
                        + "is not authorized to perform: ssm:GetParametersByPath on resource: arn:aws:ssm:eu-west-1:123456789012:parameter/actiongate/prod/api\"}")));
    }
}
