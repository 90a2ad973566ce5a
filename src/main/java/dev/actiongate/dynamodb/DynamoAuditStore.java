package dev.actiongate.dynamodb;

import dev.actiongate.config.UsageSettings;
import dev.actiongate.store.AuditEntry;
import dev.actiongate.store.AuditStore;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Audit records in the table: one item per call under {@code audit#<day>}, sorted by time, and in the {@code byActor}
 * index under {@code actor#<sub>} (see {@link TableLayout}). Reading is always a Query, never a Scan: a person's
 * records from the index, everyone's one day's partition at a time, newest day first.
 */
@Singleton
final class DynamoAuditStore implements AuditStore {

    /** Requests one page may make: a whole range of empty days (92) and some pages of records. */
    static final int MAX_REQUESTS = 120;
    private static final int QUERY_PAGE = 100;
    /** Every sort key and position is an instant's ISO-8601 text, maybe cut, and maybe the record's random part. */
    private static final Pattern POSITION = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.Z]{0,40}(#[0-9a-f]{1,32})?");
    /** Whole seconds: the lower bound of a range sorts before every record of that second, whatever its fraction's digits. */
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    /** Sorts after every key that starts with the same second. */
    private static final String AFTER = "~";

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
        item.put(TableLayout.BY_ACTOR_PARTITION, AttributeValue.fromS(TableLayout.actor(entry.subject())));
        item.put("subject", AttributeValue.fromS(entry.subject()));
        item.put("face", AttributeValue.fromS(entry.face()));
        if (entry.email() != null) {
            item.put("email", AttributeValue.fromS(entry.email()));
        }
        item.put("operation", AttributeValue.fromS(entry.operation()));
        item.put("repository", AttributeValue.fromS(entry.repository()));
        item.put("target", AttributeValue.fromS(entry.target()));
        if (entry.ref() != null) {
            item.put("ref", AttributeValue.fromS(entry.ref()));
        }
        item.put("inputs", AttributeValue.fromS(inputs(entry.inputs())));
        item.put("status", AttributeValue.fromN(Integer.toString(entry.status())));
        item.put("result", AttributeValue.fromS(entry.result()));
        if (entry.startedRunId() != null) {
            item.put("startedRun", AttributeValue.fromN(Long.toString(entry.startedRunId())));
        }
        item.put("at", AttributeValue.fromS(entry.at().toString()));
        item.put(TableLayout.TIME_TO_LIVE, AttributeValue.fromN(Long.toString(entry.expiresAt().getEpochSecond())));
        try {
            dynamoDb.putItem(put -> put.tableName(table).item(item));
        } catch (SdkException e) {
            throw failures.unavailable(TableFailures.Store.AUDIT, e);
        }
    }

    @Override
    public Page newest(String subject, Instant from, Instant to, String resume, Predicate<AuditEntry> matches, int limit, int examine) {
        if (resume != null && !POSITION.matcher(resume).matches()) {
            throw new UnknownPositionException();
        }
        String low = SECONDS.format(from.truncatedTo(ChronoUnit.SECONDS));
        String end = SECONDS.format(to.truncatedTo(ChronoUnit.SECONDS)) + AFTER;
        Reading reading = new Reading(from, to, matches, limit, examine);
        String high = resume != null && resume.compareTo(end) < 0 ? resume : end;
        try {
            if (subject != null) {
                return reading.partition(TableLayout.BY_ACTOR_INDEX, TableLayout.BY_ACTOR_PARTITION, TableLayout.actor(subject), low, high)
                        ? reading.page(null) : reading.page(reading.last);
            }
            for (LocalDate day = LocalDate.parse(high.substring(0, 10)); !day.isBefore(from.atOffset(ZoneOffset.UTC).toLocalDate());
                 day = day.minusDays(1)) {
                if (!reading.partition(null, TableLayout.PARTITION_KEY, TableLayout.audit(day), low, high)) {
                    return reading.page(reading.last);
                }
                // Everything of this day has been looked at: the next page starts below its first key.
                reading.last = day + "T";
            }
            return reading.page(null);
        } catch (SdkException e) {
            throw failures.unavailable(TableFailures.Store.AUDIT, e);
        }
    }

    /** One page being read: what was found, how much was looked at, and the last key looked at. */
    private final class Reading {

        private final Instant from;
        private final Instant to;
        private final Predicate<AuditEntry> matches;
        private final int limit;
        private final int examine;
        private final List<Found> found = new ArrayList<>();
        private int examined;
        private int requests;
        private String last;

        Reading(Instant from, Instant to, Predicate<AuditEntry> matches, int limit, int examine) {
            this.from = from;
            this.to = to;
            this.matches = matches;
            this.limit = limit;
            this.examine = examine;
        }

        /** Reads one partition below {@code high}, newest first; false when the page is full or its budget spent. */
        boolean partition(String index, String keyName, String key, String low, String high) {
            if (low.compareTo(high) > 0) {
                return true;
            }
            Map<String, AttributeValue> start = null;
            do {
                if (found.size() >= limit || examined >= examine || requests >= MAX_REQUESTS) {
                    return false;
                }
                QueryRequest.Builder request = QueryRequest.builder().tableName(table).indexName(index)
                        .keyConditionExpression("#key = :key AND #sk BETWEEN :low AND :high")
                        .expressionAttributeNames(Map.of("#key", keyName, "#sk", TableLayout.SORT_KEY))
                        .expressionAttributeValues(Map.of(":key", AttributeValue.fromS(key), ":low", AttributeValue.fromS(low),
                                ":high", AttributeValue.fromS(high)))
                        .scanIndexForward(false).limit(Math.min(QUERY_PAGE, examine - examined));
                if (start != null) {
                    request.exclusiveStartKey(start);
                }
                requests++;
                QueryResponse response = dynamoDb.query(request.build());
                for (Map<String, AttributeValue> item : response.items()) {
                    String position = item.get(TableLayout.SORT_KEY).s();
                    if (position.equals(high)) {
                        continue; // the last record of the page before: BETWEEN includes its bounds
                    }
                    examined++;
                    last = position;
                    AuditEntry entry = entry(item);
                    if (!entry.at().isBefore(from) && !entry.at().isAfter(to) && matches.test(entry)) {
                        found.add(new Found(entry, position));
                        if (found.size() >= limit) {
                            return false;
                        }
                    }
                }
                start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
            } while (start != null);
            return true;
        }

        Page page(String resume) {
            return new Page(List.copyOf(found), resume);
        }
    }

    private AuditEntry entry(Map<String, AttributeValue> item) {
        String position = item.get(TableLayout.SORT_KEY).s();
        AttributeValue ttl = item.get(TableLayout.TIME_TO_LIVE);
        return new AuditEntry(Instant.parse(text(item, "at")), position.substring(position.lastIndexOf('#') + 1), text(item, "face"),
                text(item, "subject"), text(item, "email"), text(item, "operation"), text(item, "repository"), text(item, "target"),
                text(item, "ref"), inputs(text(item, "inputs")), item.containsKey("status") ? Integer.parseInt(item.get("status").n()) : 0,
                text(item, "result"), item.containsKey("startedRun") ? Long.valueOf(item.get("startedRun").n()) : null,
                ttl == null ? null : Instant.ofEpochSecond(Long.parseLong(ttl.n())));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private String inputs(Map<String, String> inputs) {
        try {
            return json.writeValueAsString(inputs);
        } catch (IOException e) {
            return "{}";
        }
    }

    private Map<String, String> inputs(String stored) {
        if (stored == null) {
            return Map.of();
        }
        try {
            Map<String, String> inputs = json.readValue(stored, Argument.mapOf(String.class, String.class));
            return inputs == null ? Map.of() : inputs;
        } catch (IOException e) {
            return Map.of();
        }
    }
}
