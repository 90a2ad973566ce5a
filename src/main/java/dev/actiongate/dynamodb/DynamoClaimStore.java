package dev.actiongate.dynamodb;

import dev.actiongate.config.FunctionRole;
import dev.actiongate.config.UsageSettings;
import dev.actiongate.store.ClaimStore;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.Map;

/** Single-use sign-in callbacks: {@code callback#<id>} / {@code used}, written once with a condition (see {@link TableLayout}). */
@Singleton
@Requires(property = FunctionRole.PROPERTY, notEquals = "api")
final class DynamoClaimStore implements ClaimStore {

    private final DynamoDbClient dynamoDb;
    private final TableFailures failures;
    private final String table;

    DynamoClaimStore(DynamoDbClient dynamoDb, UsageSettings settings, TableFailures failures) {
        this.failures = failures;
        this.dynamoDb = dynamoDb;
        this.table = settings.requiredTable();
    }

    @Override
    public boolean claimOnce(String id, Instant expiresAt) {
        Map<String, AttributeValue> item = Map.of(
                TableLayout.PARTITION_KEY, AttributeValue.fromS(TableLayout.CALLBACK_PREFIX + id),
                TableLayout.SORT_KEY, AttributeValue.fromS(TableLayout.FIRST_USE),
                TableLayout.TIME_TO_LIVE, AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond())));
        try {
            dynamoDb.putItem(put -> put.tableName(table).item(item).conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", TableLayout.PARTITION_KEY)));
            return true;
        } catch (ConditionalCheckFailedException used) {
            return false;
        } catch (SdkException e) {
            throw failures.unavailable(TableFailures.Store.CALLBACK, e);
        }
    }
}
