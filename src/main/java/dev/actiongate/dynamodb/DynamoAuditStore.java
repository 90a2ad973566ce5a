package dev.actiongate.dynamodb;

import dev.actiongate.config.UsageSettings;
import dev.actiongate.store.AuditEntry;
import dev.actiongate.store.AuditStore;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** Audit records in the table: one item per call under {@code audit#<day>}, sorted by time (see {@link TableLayout}). */
@Singleton
final class DynamoAuditStore implements AuditStore {

    private final DynamoDbClient dynamoDb;
    private final TableFailures failures;
    private final String table;
    private final ObjectMapper json;

    DynamoAuditStore(DynamoDbClient dynamoDb, UsageSettings settings, ObjectMapper json, TableFailures failures) {
        this.failures = failures;
        this.dynamoDb = dynamoDb;
        this.table = settings.requiredTable();
        this.json = json;
    }

    @Override
    public void record(AuditEntry entry) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableLayout.PARTITION_KEY, AttributeValue.fromS(TableLayout.audit(entry.at().atOffset(ZoneOffset.UTC).toLocalDate())));
        item.put(TableLayout.SORT_KEY, AttributeValue.fromS(entry.at() + "#" + entry.id()));
        item.put("subject", AttributeValue.fromS(entry.subject()));
        item.put("face", AttributeValue.fromS(entry.face()));
        if (entry.email() != null) {
            item.put("email", AttributeValue.fromS(entry.email()));
        }
        item.put("operation", AttributeValue.fromS(entry.operation()));
        item.put("repository", AttributeValue.fromS(entry.repository()));
        item.put("target", AttributeValue.fromS(entry.target()));
        item.put("inputs", AttributeValue.fromS(inputs(entry.inputs())));
        item.put("status", AttributeValue.fromN(Integer.toString(entry.status())));
        item.put("result", AttributeValue.fromS(entry.result()));
        item.put("at", AttributeValue.fromS(entry.at().toString()));
        item.put(TableLayout.TIME_TO_LIVE, AttributeValue.fromN(Long.toString(entry.expiresAt().getEpochSecond())));
        try {
            dynamoDb.putItem(put -> put.tableName(table).item(item));
        } catch (SdkException e) {
            throw failures.unavailable(TableFailures.Store.AUDIT, e);
        }
    }

    private String inputs(Map<String, String> inputs) {
        try {
            return json.writeValueAsString(inputs);
        } catch (IOException e) {
            return "{}";
        }
    }
}
