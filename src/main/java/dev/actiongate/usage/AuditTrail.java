package dev.actiongate.usage;

import dev.actiongate.config.UsageSettings;
import dev.actiongate.security.Randomness;
import dev.actiongate.dynamodb.TableKeys;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The audit trail of mutating operations, in the shared table: one item per call under
 * {@code audit#<day>}, sorted by time, expiring after {@code actiongate.usage.audit-retention}. A write
 * that fails is logged and counted but never turns the operation's answer into an error: the action
 * has already happened at GitHub.
 */
@Singleton
public final class AuditTrail {

    public static final String PARTITION_PREFIX = "audit#";
    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final UsageSettings settings;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();
    private final AtomicLong failedWrites = new AtomicLong();

    AuditTrail(DynamoDbClient dynamoDb, UsageSettings settings, ObjectMapper json) {
        this.dynamoDb = dynamoDb;
        this.table = settings.requiredTable();
        this.settings = settings;
        this.json = json;
    }

    public void record(AuditRecord record) {
        Instant now = clock.instant();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableKeys.PARTITION_KEY, AttributeValue.fromS(partition(now)));
        item.put(TableKeys.SORT_KEY, AttributeValue.fromS(now + "#" + HexFormat.of().formatHex(Randomness.bytes(4))));
        item.put("subject", AttributeValue.fromS(record.subject()));
        if (record.email() != null) {
            item.put("email", AttributeValue.fromS(record.email()));
        }
        item.put("operation", AttributeValue.fromS(record.operation()));
        item.put("repository", AttributeValue.fromS(record.repository()));
        item.put("target", AttributeValue.fromS(record.target()));
        item.put("inputs", AttributeValue.fromS(inputs(record.inputs())));
        item.put("status", AttributeValue.fromN(Integer.toString(record.status())));
        item.put("result", AttributeValue.fromS(record.result()));
        item.put("at", AttributeValue.fromS(now.toString()));
        item.put(TableKeys.TIME_TO_LIVE, AttributeValue.fromN(Long.toString(now.plus(settings.auditRetention()).getEpochSecond())));
        try {
            dynamoDb.putItem(put -> put.tableName(table).item(item));
        } catch (SdkException e) {
            long failures = failedWrites.incrementAndGet();
            LOG.error("Audit record of {} on {} not written ({}); {} failed so far", record.operation(), record.repository(),
                    e.getClass().getSimpleName(), failures);
        }
    }

    /** Audit writes that failed since start. */
    public long failedWrites() {
        return failedWrites.get();
    }

    public static String partition(Instant at) {
        return PARTITION_PREFIX + at.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    private String inputs(Map<String, String> inputs) {
        try {
            return json.writeValueAsString(inputs);
        } catch (IOException e) {
            return "{}";
        }
    }
}
