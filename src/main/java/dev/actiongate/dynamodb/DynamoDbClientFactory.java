package dev.actiongate.dynamodb;

import dev.actiongate.config.AwsSettings;
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
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import java.time.Duration;

/**
 * The DynamoDB client: the JDK's HTTP connection underneath (no extra HTTP stack to load at cold
 * start), the region Lambda sets, and for DynamoDB Local or LocalStack an endpoint with placeholder
 * credentials.
 * <p>
 * Every call has the caller's-path budget unless it asks for more ({@link TableBudget#OFF_PATH}):
 * {@code actiongate.usage.call-timeout} in all, retries included, and the {@link TableBreaker} in front. With DynamoDB's default retries and an 8 s overall timeout, an
 * unreachable table used to cost each caller 6 to 8 s before metering failed open.
 */
@Factory
final class DynamoDbClientFactory {

    /** Backstops below the call budgets, which end a stuck attempt long before these. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(5);

    @Singleton
    @Bean(preDestroy = "close")
    DynamoDbClient dynamoDb(UsageSettings settings, AwsSettings aws, TableBreaker breaker) {
        Duration budget = settings.callTimeout();
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT))
                .overrideConfiguration(config -> config
                        // One attempt may use the whole budget (a fresh JVM's first call spends most of it loading
                        // classes); retries still fit in it after a failure that comes at once (refused, reset, 5xx).
                        .apiCallTimeout(budget)
                        .apiCallAttemptTimeout(budget)
                        // DynamoDB's retry conditions with three attempts and short pauses: in-region calls take milliseconds.
                        .retryStrategy(retries -> retries.maxAttempts(3)
                                .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(10), Duration.ofMillis(100))))
                        .addExecutionInterceptor(breaker))
                // Lambda always sets AWS_REGION; reading it directly skips the SDK's slower provider chain.
                .region(Region.of(aws.region()));
        settings.endpoint().ifPresentOrElse(endpoint -> builder.endpointOverride(endpoint).credentialsProvider(localCredentials(aws)),
                () -> builder.credentialsProvider(DefaultCredentialsProvider.builder().build()));
        return builder.build();
    }

    private static AwsCredentialsProvider localCredentials(AwsSettings aws) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(aws.localAccessKeyId(), aws.localSecretAccessKey().reveal()));
    }
}
