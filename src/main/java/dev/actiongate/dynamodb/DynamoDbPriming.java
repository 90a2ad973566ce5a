package dev.actiongate.dynamodb;

import dev.actiongate.config.SnapshotPriming;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the DynamoDB client before a SnapStart snapshot: the priming requests never reach the table,
 * and loading the SDK is the largest part of a first metered call.
 */
@Singleton
final class DynamoDbPriming implements SnapshotPriming {

    private final BeanProvider<DynamoDbClient> client;

    DynamoDbPriming(BeanProvider<DynamoDbClient> client) {
        this.client = client;
    }

    @Override
    public void prime() {
        client.get();
    }
}
