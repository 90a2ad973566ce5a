package dev.actiongate.dynamodb;

import dev.actiongate.config.UsageSettings;
import dev.actiongate.store.DayCounter;
import dev.actiongate.store.Refusal;
import dev.actiongate.store.Tally;
import dev.actiongate.store.UsageStore;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/** Usage counters and profiles in the table (see {@link TableLayout}). */
@Singleton
final class DynamoUsageStore implements UsageStore {

    private static final Map<String, Tally> TALLIES = new HashMap<>();

    static {
        for (Tally tally : Tally.values()) {
            TALLIES.put(TableLayout.attribute(tally), tally);
        }
    }

    private final DynamoDbClient dynamoDb;
    private final TableFailures failures;
    private final String table;

    DynamoUsageStore(DynamoDbClient dynamoDb, UsageSettings settings, TableFailures failures) {
        this.failures = failures;
        this.dynamoDb = dynamoDb;
        this.table = settings.requiredTable();
    }

    @Override
    public OptionalLong count(String subject, LocalDate day, String operationId, String face, Integer quota, Instant expiresAt) {
        Map<String, String> names = new HashMap<>(Map.of("#calls", TableLayout.CALLS, "#op", TableLayout.OPERATION_PREFIX + operationId,
                "#face", TableLayout.FACE_PREFIX + face,
                "#dayKey", TableLayout.BY_DAY_PARTITION, "#subject", TableLayout.BY_DAY_SORT, "#ttl", TableLayout.TIME_TO_LIVE));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":one", number(1), ":dayKey", AttributeValue.fromS(TableLayout.day(day)),
                ":subject", AttributeValue.fromS(subject), ":ttl", number(expiresAt.getEpochSecond())));
        String update = "ADD #calls :one, #op :one, #face :one SET #dayKey = :dayKey, #subject = :subject, #ttl = :ttl";
        String condition = null;
        if (quota != null) {
            condition = "attribute_not_exists(#calls) OR #calls < :quota";
            values.put(":quota", number(quota));
        }
        String conditionExpression = condition;
        try {
            // The new count comes back with the write, so getMe needs no second read.
            Map<String, AttributeValue> updated = dynamoDb.updateItem(request -> request.tableName(table).key(counterKey(subject, day))
                    .updateExpression(update).conditionExpression(conditionExpression)
                    .expressionAttributeNames(names).expressionAttributeValues(values).returnValues(ReturnValue.UPDATED_NEW)).attributes();
            AttributeValue calls = updated == null ? null : updated.get(TableLayout.CALLS);
            return calls == null ? OptionalLong.of(0) : OptionalLong.of(Long.parseLong(calls.n()));
        } catch (ConditionalCheckFailedException quotaReached) {
            return OptionalLong.empty();
        } catch (SdkException e) {
            throw failures.unavailable(TableFailures.Store.USAGE, e);
        }
    }

    @Override
    public void add(String subject, LocalDate day, Map<Tally, Long> additions) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder update = new StringBuilder("ADD ");
        int i = 0;
        for (Map.Entry<Tally, Long> addition : additions.entrySet()) {
            update.append(i == 0 ? "" : ", ").append("#a").append(i).append(" :v").append(i);
            names.put("#a" + i, TableLayout.attribute(addition.getKey()));
            values.put(":v" + i, number(addition.getValue()));
            i++;
        }
        try {
            dynamoDb.updateItem(request -> request.tableName(table).key(counterKey(subject, day)).overrideConfiguration(TableBudget.OFF_PATH)
                    .updateExpression(update.toString()).expressionAttributeNames(names).expressionAttributeValues(values));
        } catch (SdkException e) {
            throw failures.unavailable(TableFailures.Store.USAGE, e);
        }
    }

    @Override
    public void seen(String subject, String email, String tier, Instant at) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":now", AttributeValue.fromS(at.toString()),
                ":tier", AttributeValue.fromS(tier)));
        String update = "SET firstSeen = if_not_exists(firstSeen, :now), lastSeen = :now, tier = :tier";
        if (email != null) {
            update += ", email = :email";
            values.put(":email", AttributeValue.fromS(email));
        }
        String expression = update;
        try {
            dynamoDb.updateItem(request -> request.tableName(table).overrideConfiguration(TableBudget.OFF_PATH)
                    .key(Map.of(TableLayout.PARTITION_KEY, AttributeValue.fromS(TableLayout.USER_PREFIX + subject),
                            TableLayout.SORT_KEY, AttributeValue.fromS(TableLayout.PROFILE)))
                    .updateExpression(expression).expressionAttributeValues(values));
        } catch (SdkException e) {
            throw failures.unavailable(TableFailures.Store.USAGE, e);
        }
    }

    @Override
    public long calls(String subject, LocalDate day) {
        try {
            Map<String, AttributeValue> item = dynamoDb.getItem(get -> get.tableName(table)
                    .key(counterKey(subject, day)).projectionExpression(TableLayout.CALLS)).item();
            return item.containsKey(TableLayout.CALLS) ? Long.parseLong(item.get(TableLayout.CALLS).n()) : 0;
        } catch (SdkException e) {
            throw failures.unavailable(TableFailures.Store.USAGE, e);
        }
    }

    @Override
    public List<DayCounter> days(String subject, LocalDate first, LocalDate last, int maxItems) throws TooManyItemsException {
        return query(QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("#pk = :pk AND #sk BETWEEN :first AND :last")
                .expressionAttributeNames(Map.of("#pk", TableLayout.PARTITION_KEY, "#sk", TableLayout.SORT_KEY))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(TableLayout.usage(subject)),
                        ":first", AttributeValue.fromS(TableLayout.day(first)), ":last", AttributeValue.fromS(TableLayout.day(last))))
                .build(), maxItems);
    }

    @Override
    public List<DayCounter> everyone(LocalDate day, int maxItems) throws TooManyItemsException {
        return query(QueryRequest.builder().tableName(table).indexName(TableLayout.BY_DAY_INDEX)
                .keyConditionExpression("#day = :day")
                .expressionAttributeNames(Map.of("#day", TableLayout.BY_DAY_PARTITION))
                .expressionAttributeValues(Map.of(":day", AttributeValue.fromS(TableLayout.day(day))))
                .build(), maxItems);
    }

    private List<DayCounter> query(QueryRequest request, int maxItems) throws TooManyItemsException {
        List<DayCounter> counters = new ArrayList<>();
        try {
            for (var page : dynamoDb.queryPaginator(request)) {
                for (Map<String, AttributeValue> item : page.items()) {
                    counters.add(counter(item));
                }
                if (counters.size() > maxItems) {
                    throw new TooManyItemsException();
                }
            }
        } catch (SdkException e) {
            throw failures.unavailable(TableFailures.Store.USAGE, e);
        }
        return counters;
    }

    private static DayCounter counter(Map<String, AttributeValue> item) {
        Map<String, Long> byOperation = new TreeMap<>();
        Map<String, Long> byFace = new TreeMap<>();
        Map<Tally, Long> tallies = new EnumMap<>(Tally.class);
        item.forEach((name, value) -> {
            if (value.n() == null) {
                return;
            }
            if (name.startsWith(TableLayout.OPERATION_PREFIX)) {
                byOperation.put(name.substring(TableLayout.OPERATION_PREFIX.length()), Long.parseLong(value.n()));
            } else if (name.startsWith(TableLayout.FACE_PREFIX)) {
                byFace.put(name.substring(TableLayout.FACE_PREFIX.length()), Long.parseLong(value.n()));
            } else if (TALLIES.containsKey(name)) {
                tallies.put(TALLIES.get(name), Long.parseLong(value.n()));
            }
        });
        String day = item.get(TableLayout.SORT_KEY).s().substring(TableLayout.DAY_PREFIX.length());
        AttributeValue calls = item.get(TableLayout.CALLS);
        AttributeValue subject = item.get(TableLayout.BY_DAY_SORT);
        return new DayCounter(subject != null ? subject.s() : item.get(TableLayout.PARTITION_KEY).s().substring(TableLayout.USAGE_PREFIX.length()),
                LocalDate.parse(day),
                calls == null || calls.n() == null ? 0 : Long.parseLong(calls.n()), byOperation, byFace, tallies);
    }

    @Override
    public void refused(LocalDate day, Refusal refusal, Instant expiresAt) {
        try {
            dynamoDb.updateItem(request -> request.tableName(table).overrideConfiguration(TableBudget.OFF_PATH)
                    .key(Map.of(TableLayout.PARTITION_KEY, AttributeValue.fromS(TableLayout.REFUSALS),
                            TableLayout.SORT_KEY, AttributeValue.fromS(TableLayout.day(day))))
                    .updateExpression("ADD #reason :one SET #ttl = :ttl")
                    .expressionAttributeNames(Map.of("#reason", TableLayout.attribute(refusal), "#ttl", TableLayout.TIME_TO_LIVE))
                    .expressionAttributeValues(Map.of(":one", number(1), ":ttl", number(expiresAt.getEpochSecond()))));
        } catch (SdkException e) {
            throw failures.unavailable(TableFailures.Store.USAGE, e);
        }
    }

    @Override
    public Map<LocalDate, Map<Refusal, Long>> refusals(LocalDate first, LocalDate last) {
        Map<LocalDate, Map<Refusal, Long>> days = new TreeMap<>();
        QueryRequest query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("#pk = :pk AND #sk BETWEEN :first AND :last")
                .expressionAttributeNames(Map.of("#pk", TableLayout.PARTITION_KEY, "#sk", TableLayout.SORT_KEY))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(TableLayout.REFUSALS),
                        ":first", AttributeValue.fromS(TableLayout.day(first)), ":last", AttributeValue.fromS(TableLayout.day(last))))
                .build();
        try {
            for (var page : dynamoDb.queryPaginator(query)) {
                for (Map<String, AttributeValue> item : page.items()) {
                    Map<Refusal, Long> counts = new EnumMap<>(Refusal.class);
                    for (Refusal refusal : Refusal.values()) {
                        AttributeValue count = item.get(TableLayout.attribute(refusal));
                        if (count != null && count.n() != null) {
                            counts.put(refusal, Long.parseLong(count.n()));
                        }
                    }
                    days.put(LocalDate.parse(item.get(TableLayout.SORT_KEY).s().substring(TableLayout.DAY_PREFIX.length())), counts);
                }
            }
        } catch (SdkException e) {
            throw failures.unavailable(TableFailures.Store.USAGE, e);
        }
        return days;
    }

    private static Map<String, AttributeValue> counterKey(String subject, LocalDate day) {
        return Map.of(TableLayout.PARTITION_KEY, AttributeValue.fromS(TableLayout.usage(subject)),
                TableLayout.SORT_KEY, AttributeValue.fromS(TableLayout.day(day)));
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

}
