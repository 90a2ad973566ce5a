package dev.actiongate.usage;

import dev.actiongate.web.ApiException;
import dev.actiongate.web.ErrorCode;
import dev.actiongate.config.UsageSettings;
import dev.actiongate.security.Scopes;
import dev.actiongate.dynamodb.TableKeys;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code getUsage}: a person's own metered calls; with the admin scope, everyone's. */
@Controller("/api/usage")
@ExecuteOn(TaskExecutors.BLOCKING)
final class UsageController {

    static final int MAX_DAYS = 92;
    static final int MAX_GROUPS = 100;
    /** Counter items one report may read; a wider question must narrow its range. */
    static final int MAX_ITEMS = 20_000;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    UsageController(DynamoDbClient dynamoDb, UsageSettings settings, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = settings.requiredTable();
        this.clock = clock;
    }

    @Get
    @Secured(Scopes.ANALYTICS_READ)
    @Operation(operationId = "getUsage", summary = "Usage of ActionGate",
            description = "Counts metered calls between two days, grouped by day, operation or user: your own calls, or everyone's with the admin scope.",
            security = @SecurityRequirement(name = "oauth2", scopes = Scopes.ANALYTICS_READ))
    UsageReport getUsage(@Parameter(description = "First UTC day, YYYY-MM-DD; default 6 days before to.") @QueryValue @Nullable String from,
                         @Parameter(description = "Last UTC day, YYYY-MM-DD; default today.") @QueryValue @Nullable String to,
                         @Parameter(description = "day, operation or user.") @QueryValue(defaultValue = "day") String groupBy,
                         @Parameter(description = "How many groups per page, 1 to 100.") @QueryValue(defaultValue = "31") int limit,
                         @Parameter(description = "nextCursor of an earlier answer.") @QueryValue @Nullable String cursor,
                         Authentication who) {
        LocalDate last = date(to, "to", LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        LocalDate first = date(from, "from", last.minusDays(6));
        if (first.isAfter(last) || ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw ErrorCode.RANGE_INVALID.refusal("Ask for a range of 1 to " + MAX_DAYS + " days with from on or before to.");
        }
        if (!List.of("day", "operation", "user").contains(groupBy)) {
            throw ErrorCode.GROUP_BY_INVALID.refusal("Group usage by day, operation or user.");
        }
        if (limit < 1 || limit > MAX_GROUPS) {
            throw ErrorCode.LIMIT_INVALID.refusal("Ask for between 1 and " + MAX_GROUPS + " groups at a time.");
        }
        int offset = offset(cursor);
        boolean everyone = who.getRoles().contains(Scopes.ADMIN);
        List<Map<String, AttributeValue>> items;
        try {
            items = everyone ? everyone(first, last) : own(who.getName(), first, last);
        } catch (SdkException e) {
            throw ErrorCode.USAGE_UNAVAILABLE.refusal("Usage cannot be read right now; try again in a minute.");
        }
        List<UsageReport.Group> groups = group(items, groupBy);
        long total = items.stream().mapToLong(item -> count(item, UsageKeys.CALLS)).sum();
        List<UsageReport.Group> page = groups.stream().skip(offset).limit(limit).toList();
        String next = offset + limit < groups.size() ? Integer.toString(offset + limit) : null;
        return new UsageReport(first, last, groupBy, everyone, total, page, next);
    }

    private List<Map<String, AttributeValue>> own(String subject, LocalDate first, LocalDate last) {
        return query(QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("#pk = :pk AND #sk BETWEEN :first AND :last")
                .expressionAttributeNames(Map.of("#pk", TableKeys.PARTITION_KEY, "#sk", TableKeys.SORT_KEY))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(UsageKeys.usage(subject)),
                        ":first", AttributeValue.fromS(UsageKeys.day(first)), ":last", AttributeValue.fromS(UsageKeys.day(last))))
                .build());
    }

    private List<Map<String, AttributeValue>> everyone(LocalDate first, LocalDate last) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            items.addAll(query(QueryRequest.builder().tableName(table).indexName(UsageKeys.BY_DAY_INDEX)
                    .keyConditionExpression("#day = :day")
                    .expressionAttributeNames(Map.of("#day", UsageKeys.BY_DAY_PARTITION))
                    .expressionAttributeValues(Map.of(":day", AttributeValue.fromS(UsageKeys.day(day))))
                    .build()));
            tooMany(items.size());
        }
        return items;
    }

    private List<Map<String, AttributeValue>> query(QueryRequest request) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (var page : dynamoDb.queryPaginator(request)) {
            items.addAll(page.items());
            tooMany(items.size());
        }
        return items;
    }

    private static void tooMany(int items) {
        if (items > MAX_ITEMS) {
            throw ErrorCode.RANGE_TOO_LARGE.refusal("That range holds too much usage to add up at once; ask for fewer days.");
        }
    }

    private static List<UsageReport.Group> group(List<Map<String, AttributeValue>> items, String groupBy) {
        if (groupBy.equals("operation")) {
            Map<String, Long> calls = new TreeMap<>();
            for (Map<String, AttributeValue> item : items) {
                item.forEach((name, value) -> {
                    if (name.startsWith(UsageKeys.OPERATION_PREFIX)) {
                        calls.merge(name.substring(UsageKeys.OPERATION_PREFIX.length()), Long.parseLong(value.n()), Long::sum);
                    }
                });
            }
            return calls.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .map(entry -> new UsageReport.Group(entry.getKey(), entry.getValue(), null, null, null, null, null, null)).toList();
        }
        Map<String, List<Map<String, AttributeValue>>> byKey = new TreeMap<>();
        for (Map<String, AttributeValue> item : items) {
            String key = groupBy.equals("day") ? item.get(TableKeys.SORT_KEY).s().substring(UsageKeys.DAY_PREFIX.length())
                    : item.get(UsageKeys.BY_DAY_SORT).s();
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(item);
        }
        List<UsageReport.Group> groups = new ArrayList<>();
        byKey.forEach((key, members) -> {
            long latencyCount = sum(members, UsageKeys.LATENCY_COUNT);
            long githubRequests = sum(members, UsageKeys.GITHUB_REQUESTS);
            groups.add(new UsageReport.Group(key, sum(members, UsageKeys.CALLS), sum(members, Outcome.OK.attribute()),
                    sum(members, Outcome.CLIENT_ERROR.attribute()), sum(members, Outcome.SERVER_ERROR.attribute()),
                    sum(members, UsageKeys.REFUSED), latencyCount == 0 ? null : sum(members, UsageKeys.LATENCY_TOTAL) / latencyCount,
                    githubRequests == 0 ? null : githubRequests));
        });
        if (groupBy.equals("user")) {
            groups.sort(Comparator.comparingLong(UsageReport.Group::calls).reversed().thenComparing(UsageReport.Group::key));
        }
        return groups;
    }

    private static long sum(List<Map<String, AttributeValue>> items, String attribute) {
        return items.stream().mapToLong(item -> count(item, attribute)).sum();
    }

    private static long count(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    private static LocalDate date(String text, String name, LocalDate fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw ErrorCode.DATE_INVALID.refusal("Give " + name + " as a date like 2026-11-25.");
        }
    }

    private static int offset(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        if (!cursor.matches("[0-9]{1,6}")) {
            throw ErrorCode.CURSOR_INVALID.refusal("Use the nextCursor of an earlier answer as the cursor.");
        }
        return Integer.parseInt(cursor);
    }
}
