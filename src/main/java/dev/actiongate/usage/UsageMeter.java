package dev.actiongate.usage;

import dev.actiongate.web.ApiException;
import dev.actiongate.web.ErrorCode;
import dev.actiongate.config.UsageSettings;
import dev.actiongate.dynamodb.TableBudget;
import dev.actiongate.dynamodb.TableKeys;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts every metered call and enforces the daily quota. The caller's path has exactly one write: a
 * conditional update that adds the call to the person's counter for the day only while the count is
 * under the tier's quota, so no burst of parallel calls can pass it. How the call ended, its latency
 * and the person's profile are written afterwards, off the caller's path.
 */
@Singleton
public final class UsageMeter {

    /**
     * What the caller's-path write decided.
     *
     * @param callsToday the person's count for the day including this call; null when it was not counted
     */
    public record Admission(LocalDate day, boolean counted, Long callsToday) {
    }

    /** A person's counter for one day. */
    public record DayUsage(long calls, Integer dailyLimit) {
        public Long remaining() {
            return dailyLimit == null ? null : Math.max(0, dailyLimit - calls);
        }
    }

    /** The request attribute that carries the call's {@link Admission}. */
    static final String ADMISSION_ATTRIBUTE = UsageMeter.class.getName() + ".admission";
    private static final Logger LOG = LoggerFactory.getLogger(UsageMeter.class);
    private static final Duration PROFILE_INTERVAL = Duration.ofMinutes(10);

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final UsageSettings settings;
    private final Clock clock;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Map<String, Instant> profileWritten = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor background = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(10_000), Thread.ofVirtual().name("usage-writer").factory(), (task, pool) -> dropped.incrementAndGet());

    UsageMeter(DynamoDbClient dynamoDb, UsageSettings settings, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = settings.requiredTable();
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Counts the call, or refuses it with a 429 when the caller's tier has used its quota for today.
     *
     * @param quotaApplies false for the calls a person needs to see where they stand (getMe, getUsage)
     */
    public Admission admit(Caller caller, String operationId, boolean quotaApplies) {
        Instant now = clock.instant();
        LocalDate day = day(now);
        Integer quota = quotaApplies ? limit(caller.tier()) : null;
        Map<String, String> names = new HashMap<>(Map.of("#calls", UsageKeys.CALLS, "#op", UsageKeys.OPERATION_PREFIX + operationId,
                "#dayKey", UsageKeys.BY_DAY_PARTITION, "#subject", UsageKeys.BY_DAY_SORT, "#ttl", TableKeys.TIME_TO_LIVE));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":one", number(1), ":dayKey", AttributeValue.fromS(UsageKeys.day(day)),
                ":subject", AttributeValue.fromS(caller.subject()),
                ":ttl", number(now.plus(settings.usageRetention()).getEpochSecond())));
        String update = "ADD #calls :one, #op :one SET #dayKey = :dayKey, #subject = :subject, #ttl = :ttl";
        String condition = null;
        if (quota != null) {
            condition = "attribute_not_exists(#calls) OR #calls < :quota";
            values.put(":quota", number(quota));
        }
        String conditionExpression = condition;
        try {
            // The new count comes back with the write, so getMe needs no second read.
            Map<String, AttributeValue> updated = dynamoDb.updateItem(request -> request.tableName(table).key(counterKey(caller.subject(), day))
                    .updateExpression(update).conditionExpression(conditionExpression)
                    .expressionAttributeNames(names).expressionAttributeValues(values).returnValues(ReturnValue.UPDATED_NEW)).attributes();
            AttributeValue calls = updated == null ? null : updated.get(UsageKeys.CALLS);
            return new Admission(day, true, calls == null ? null : Long.valueOf(calls.n()));
        } catch (ConditionalCheckFailedException overQuota) {
            later(() -> add(caller.subject(), day, Map.of(UsageKeys.REFUSED, 1L)));
            Duration untilMidnight = Duration.between(now, day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
            throw ErrorCode.QUOTA_EXCEEDED.refusal("You have used all " + quota + " ActionGate calls your " + caller.tier() + " tier allows per day; more become available at "
                            + "midnight UTC, in " + describe(untilMidnight) + ".").retryAfter(untilMidnight);
        } catch (SdkException e) {
            // Per call at DEBUG only: storage.TableBreaker logs once when the table becomes unreachable and once when it is back.
            long failed = failures.incrementAndGet();
            if (quota == null || settings.quotaFailsOpen()) {
                LOG.debug("Usage not counted and quota not checked ({}); {} metering failures so far", e.getClass().getSimpleName(), failed);
                return new Admission(day, false, null);
            }
            LOG.debug("Usage metering unavailable ({}); refusing the call as actiongate.usage.quota-failure-mode=closed", e.getClass().getSimpleName());
            throw ErrorCode.USAGE_UNAVAILABLE.refusal().retryAfter(Duration.ofSeconds(30));
        }
    }

    /**
     * How the call ended, how long it took and how many GitHub requests it made, and the person's
     * profile now and then: all off the caller's path.
     */
    public void finish(Caller caller, Admission admission, int status, long latencyMillis, int githubRequests) {
        later(() -> {
            Map<String, Long> additions = new HashMap<>();
            if (admission.counted()) {
                additions.put(Outcome.of(status).attribute(), 1L);
                additions.put(UsageKeys.LATENCY_TOTAL, latencyMillis);
                additions.put(UsageKeys.LATENCY_COUNT, 1L);
                if (githubRequests > 0) {
                    additions.put(UsageKeys.GITHUB_REQUESTS, (long) githubRequests);
                }
                add(caller.subject(), admission.day(), additions);
            }
            profile(caller);
        });
    }

    /**
     * Today's count for a person, for getMe: from this call's own admission when metering counted it,
     * otherwise read from the table; empty when metering is off or the table cannot be read.
     */
    public Optional<DayUsage> today(Caller caller, HttpRequest<?> request) {
        if (!settings.meteringEnabled()) {
            return Optional.empty();
        }
        Admission admission = request.getAttribute(ADMISSION_ATTRIBUTE, Admission.class).orElse(null);
        if (admission != null && admission.callsToday() != null) {
            return Optional.of(new DayUsage(admission.callsToday(), limit(caller.tier())));
        }
        if (admission != null && !admission.counted()) {
            return Optional.empty(); // this call's own write just failed: a read would only fail again, on the caller's time
        }
        return today(caller);
    }

    /** Today's count for a person read from the table; empty when the table cannot be read. */
    public Optional<DayUsage> today(Caller caller) {
        try {
            Map<String, AttributeValue> item = dynamoDb.getItem(get -> get.tableName(table)
                    .key(counterKey(caller.subject(), day(clock.instant()))).projectionExpression(UsageKeys.CALLS)).item();
            long calls = item.containsKey(UsageKeys.CALLS) ? Long.parseLong(item.get(UsageKeys.CALLS).n()) : 0;
            return Optional.of(new DayUsage(calls, limit(caller.tier())));
        } catch (SdkException e) {
            failures.incrementAndGet();
            return Optional.empty();
        }
    }

    /** Metering writes that failed or were dropped since start. */
    public long failures() {
        return failures.get() + dropped.get();
    }

    /** Waits until the writes queued so far are done; for tests and shutdown. */
    public void awaitBackgroundWrites() {
        try {
            background.submit(() -> { }).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Usage writes still pending");
        }
    }

    @PreDestroy
    void close() {
        awaitBackgroundWrites();
        background.shutdown();
    }

    private Integer limit(String tier) {
        Integer quota = settings.dailyQuota().get(tier);
        return quota == null || quota < 0 ? null : quota;
    }

    private void add(String subject, LocalDate day, Map<String, Long> additions) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder update = new StringBuilder("ADD ");
        int i = 0;
        for (Map.Entry<String, Long> addition : additions.entrySet()) {
            update.append(i == 0 ? "" : ", ").append("#a").append(i).append(" :v").append(i);
            names.put("#a" + i, addition.getKey());
            values.put(":v" + i, number(addition.getValue()));
            i++;
        }
        dynamoDb.updateItem(request -> request.tableName(table).key(counterKey(subject, day)).overrideConfiguration(TableBudget.OFF_PATH)
                .updateExpression(update.toString()).expressionAttributeNames(names).expressionAttributeValues(values));
    }

    private void profile(Caller caller) {
        Instant now = clock.instant();
        Instant last = profileWritten.get(caller.subject());
        if (last != null && last.plus(PROFILE_INTERVAL).isAfter(now)) {
            return;
        }
        profileWritten.put(caller.subject(), now);
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":now", AttributeValue.fromS(now.toString()),
                ":tier", AttributeValue.fromS(caller.tier())));
        String update = "SET firstSeen = if_not_exists(firstSeen, :now), lastSeen = :now, tier = :tier";
        if (caller.email() != null) {
            update += ", email = :email";
            values.put(":email", AttributeValue.fromS(caller.email()));
        }
        String expression = update;
        dynamoDb.updateItem(request -> request.tableName(table).overrideConfiguration(TableBudget.OFF_PATH)
                .key(Map.of(TableKeys.PARTITION_KEY, AttributeValue.fromS(UsageKeys.USER_PREFIX + caller.subject()),
                        TableKeys.SORT_KEY, AttributeValue.fromS(UsageKeys.PROFILE)))
                .updateExpression(expression).expressionAttributeValues(values));
    }

    private void later(Runnable write) {
        background.execute(() -> {
            try {
                write.run();
            } catch (SdkException e) {
                long failed = failures.incrementAndGet();
                LOG.debug("Usage record not written ({}); {} metering failures so far", e.getClass().getSimpleName(), failed);
            }
        });
    }

    static Map<String, AttributeValue> counterKey(String subject, LocalDate day) {
        return Map.of(TableKeys.PARTITION_KEY, AttributeValue.fromS(UsageKeys.usage(subject)),
                TableKeys.SORT_KEY, AttributeValue.fromS(UsageKeys.day(day)));
    }

    private static LocalDate day(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    private static String describe(Duration wait) {
        long hours = wait.toHours();
        return hours >= 1 ? "about " + hours + (hours == 1 ? " hour" : " hours") : "about " + Math.max(1, wait.toMinutes()) + " minutes";
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
