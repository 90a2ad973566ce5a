package dev.actiongate.storage;

import dev.actiongate.config.UsageSettings;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import java.time.Duration;

/**
 * The DynamoDB client: the JDK's HTTP connection underneath (no extra HTTP stack to load at cold
 * start), short timeouts, the region Lambda sets, and for DynamoDB Local or LocalStack an endpoint with placeholder credentials.
 */
@Factory
final class DynamoDbClientFactory {

    @Singleton
    @Bean(preDestroy = "close")
    DynamoDbClient dynamoDb(UsageSettings settings) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(5)))
                .overrideConfiguration(config -> config.apiCallTimeout(Duration.ofSeconds(8)))
                // Lambda always sets AWS_REGION; reading it directly skips the SDK's slower provider chain.
                .region(Region.of(env("AWS_REGION", System.getProperty("aws.region", "us-east-1"))));
        settings.endpoint().ifPresentOrElse(endpoint -> builder.endpointOverride(endpoint).credentialsProvider(localCredentials()),
                () -> builder.credentialsProvider(DefaultCredentialsProvider.builder().build()));
        return builder.build();
    }

    private static AwsCredentialsProvider localCredentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                env("AWS_ACCESS_KEY_ID", "local"), env("AWS_SECRET_ACCESS_KEY", "local")));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
