package dev.actiongate.dynamodb;

import dev.actiongate.config.FunctionRole;
import dev.actiongate.config.UsageSettings;
import dev.actiongate.store.RefreshFamilyStore;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Public clients' refresh-token families: {@code refresh#<id>} / {@code family} (see {@link TableLayout}),
 * each call on the caller's path with the client's budget and the {@link TableBreaker} in front.
 */
@Singleton
@Requires(property = FunctionRole.PROPERTY, notEquals = "api")
final class DynamoRefreshFamilyStore implements RefreshFamilyStore {

    private static final String GENERATION = "generation";
    private static final String REVOKED = "revoked";

    private final DynamoDbClient dynamoDb;
    private final TableFailures failures;
    private final String table;

    DynamoRefreshFamilyStore(DynamoDbClient dynamoDb, UsageSettings settings, TableFailures failures) {
        this.failures = failures;
        this.dynamoDb = dynamoDb;
        this.table = settings.requiredTable();
    }

    @Override
    public void start(String familyId, String generation, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(key(familyId));
        item.put(GENERATION, AttributeValue.fromS(generation));
        item.put(REVOKED, AttributeValue.fromBool(false));
        item.put(TableLayout.TIME_TO_LIVE, ttl(expiresAt));
        try {
            dynamoDb.putItem(put -> put.tableName(table).item(item));
        } catch (SdkException e) {
            throw failures.unavailable(TableFailures.Store.REFRESH, e);
        }
    }

    @Override
    public Optional<Family> read(String familyId) {
        Map<String, AttributeValue> item;
        try {
            item = dynamoDb.getItem(get -> get.tableName(table).key(key(familyId)).consistentRead(true)).item();
        } catch (SdkException e) {
            throw failures.unavailable(TableFailures.Store.REFRESH, e);
        }
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Family(item.get(GENERATION).s(), Boolean.TRUE.equals(item.get(REVOKED).bool()),
                Instant.ofEpochSecond(Long.parseLong(item.get(TableLayout.TIME_TO_LIVE).n()))));
    }

    @Override
    public boolean advance(String familyId, String current, String next, Instant expiresAt) {
        try {
            dynamoDb.updateItem(update -> update.tableName(table).key(key(familyId))
                    .updateExpression("SET #generation = :next, #ttl = :ttl")
                    .conditionExpression("#generation = :current AND #revoked = :no")
                    .expressionAttributeNames(Map.of("#generation", GENERATION, "#ttl", TableLayout.TIME_TO_LIVE, "#revoked", REVOKED))
                    .expressionAttributeValues(Map.of(":next", AttributeValue.fromS(next), ":current", AttributeValue.fromS(current),
                            ":ttl", ttl(expiresAt), ":no", AttributeValue.fromBool(false))));
            return true;
        } catch (ConditionalCheckFailedException moved) {
            return false;
        } catch (SdkException e) {
            throw failures.unavailable(TableFailures.Store.REFRESH, e);
        }
    }

    @Override
    public void revoke(String familyId) {
        try {
            dynamoDb.updateItem(update -> update.tableName(table).key(key(familyId))
                    .updateExpression("SET #revoked = :yes")
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(Map.of("#revoked", REVOKED, "#pk", TableLayout.PARTITION_KEY))
                    .expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true))));
        } catch (ConditionalCheckFailedException gone) {
            // expired or never started: nothing left to revoke
        } catch (SdkException e) {
            throw failures.unavailable(TableFailures.Store.REFRESH, e);
        }
    }

    private static Map<String, AttributeValue> key(String familyId) {
        return Map.of(TableLayout.PARTITION_KEY, AttributeValue.fromS(TableLayout.REFRESH_PREFIX + familyId),
                TableLayout.SORT_KEY, AttributeValue.fromS(TableLayout.REFRESH_FAMILY));
    }

    private static AttributeValue ttl(Instant expiresAt) {
        return AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond()));
    }
}
