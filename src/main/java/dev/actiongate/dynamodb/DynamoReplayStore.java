package dev.actiongate.dynamodb;

import dev.actiongate.config.FunctionRole;
import dev.actiongate.config.UsageSettings;
import dev.actiongate.store.ReplayStore;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The bridge's replay claims and answers: {@code replay#<id>} / {@code token-answer} (see {@link TableLayout}). */
@Singleton
@Requires(property = FunctionRole.PROPERTY, notEquals = "api")
final class DynamoReplayStore implements ReplayStore {

    private static final String STATE = "state";
    private static final String WINDOW_END = "windowEnd";
    private static final String ANSWER = "answer";
    private static final String PENDING = "pending";
    private static final String DONE = "done";

    private final DynamoDbClient dynamoDb;
    private final TableFailures failures;
    private final String table;

    DynamoReplayStore(DynamoDbClient dynamoDb, UsageSettings settings, TableFailures failures) {
        this.failures = failures;
        this.dynamoDb = dynamoDb;
        this.table = settings.requiredTable();
    }

    @Override
    public boolean claim(String id, Instant now, Instant windowEnd, Instant expiresAt, boolean reclaimAfterWindow) {
        String condition = reclaimAfterWindow ? "attribute_not_exists(#pk) OR #windowEnd < :now" : "attribute_not_exists(#pk)";
        try {
            dynamoDb.putItem(put -> put.tableName(table)
                    .item(item(id, PENDING, windowEnd, expiresAt, null))
                    .conditionExpression(condition)
                    .expressionAttributeNames(reclaimAfterWindow ? Map.of("#pk", TableLayout.PARTITION_KEY, "#windowEnd", WINDOW_END)
                            : Map.of("#pk", TableLayout.PARTITION_KEY))
                    .expressionAttributeValues(reclaimAfterWindow ? Map.of(":now", number(now.toEpochMilli())) : null));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        } catch (SdkException e) {
            throw failures.unavailable(TableFailures.Store.REPLAY, e);
        }
    }

    @Override
    public Optional<Replay> read(String id) {
        Map<String, AttributeValue> item;
        try {
            item = dynamoDb.getItem(get -> get.tableName(table).key(key(id)).consistentRead(true)).item();
        } catch (SdkException e) {
            throw failures.unavailable(TableFailures.Store.REPLAY, e);
        }
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        byte[] answer = DONE.equals(item.get(STATE).s()) ? item.get(ANSWER).b().asByteArray() : null;
        return Optional.of(new Replay(Instant.ofEpochMilli(Long.parseLong(item.get(WINDOW_END).n())), answer));
    }

    @Override
    public void remember(String id, Instant windowEnd, Instant expiresAt, byte[] sealedAnswer) {
        try {
            dynamoDb.putItem(put -> put.tableName(table).item(item(id, DONE, windowEnd, expiresAt, sealedAnswer)));
        } catch (SdkException e) {
            throw failures.unavailable(TableFailures.Store.REPLAY, e);
        }
    }

    @Override
    public void release(String id) {
        try {
            dynamoDb.deleteItem(delete -> delete.tableName(table).key(key(id)));
        } catch (SdkException e) {
            throw failures.unavailable(TableFailures.Store.REPLAY, e);
        }
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of(TableLayout.PARTITION_KEY, AttributeValue.fromS(TableLayout.REPLAY_PREFIX + id),
                TableLayout.SORT_KEY, AttributeValue.fromS(TableLayout.TOKEN_ANSWER));
    }

    private static Map<String, AttributeValue> item(String id, String state, Instant windowEnd, Instant expiresAt, byte[] answer) {
        Map<String, AttributeValue> item = new HashMap<>(key(id));
        item.put(STATE, AttributeValue.fromS(state));
        item.put(WINDOW_END, number(windowEnd.toEpochMilli()));
        item.put(TableLayout.TIME_TO_LIVE, number(expiresAt.getEpochSecond()));
        if (answer != null) {
            item.put(ANSWER, AttributeValue.fromB(SdkBytes.fromByteArray(answer)));
        }
        return item;
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
