package dev.actiongate.usage;

import dev.actiongate.config.UsageSettings;
import dev.actiongate.security.Caller;
import dev.actiongate.store.Refusal;
import dev.actiongate.store.StoreUnavailableException;
import dev.actiongate.store.Tally;
import dev.actiongate.store.UsageStore;
import dev.actiongate.telemetry.Metric;
import dev.actiongate.telemetry.Metrics;
import dev.actiongate.web.ErrorCode;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts every metered call and enforces the daily quota, whichever face the call came through. The
 * caller's path has exactly one store write: adding the call to the person's counter for the day only
 * while the count is under the tier's quota, in one atomic step, so no burst of parallel calls can pass
 * it. How the call ended, its latency and the person's profile are written afterwards, off the caller's path.
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

    /** Operations a person needs to see where they stand, counted but never refused for quota. */
    private static final Set<String> QUOTA_EXEMPT = Set.of("getMe", "getUsage");
    private static final Logger LOG = LoggerFactory.getLogger(UsageMeter.class);
    private static final Duration PROFILE_INTERVAL = Duration.ofMinutes(10);

    private final UsageStore store;
    private final UsageSettings settings;
    private final Clock clock;
    private final Metrics metrics;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Map<String, Instant> profileWritten = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor background = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(10_000), Thread.ofVirtual().name("usage-writer").factory(), (task, pool) -> dropped.incrementAndGet());

    UsageMeter(UsageStore store, UsageSettings settings, Clock clock, Metrics metrics) {
        this.metrics = metrics;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /** Whether calls are metered at all ({@code actiongate.usage.metering-enabled}). */
    public boolean enabled() {
        return settings.meteringEnabled();
    }

    /**
     * Counts the call, or refuses it with a 429 when the caller's tier has used its quota for today;
     * getMe and getUsage are counted but never refused, so a person can always see where they stand.
     */
    public Admission admit(Caller caller, String operationId) {
        Instant now = clock.instant();
        LocalDate day = day(now);
        Integer quota = QUOTA_EXEMPT.contains(operationId) ? null : limit(caller.tier());
        OptionalLong counted;
        try {
            counted = store.count(caller.subject(), day, operationId, caller.face().key(), quota, now.plus(settings.usageRetention()));
        } catch (StoreUnavailableException e) {
            // Per call at DEBUG only: the table's circuit breaker logs once when it becomes unreachable and once when it is back.
            long failed = failures.incrementAndGet();
            if (quota == null || settings.quotaFailsOpen()) {
                LOG.debug("Usage not counted and quota not checked ({}); {} metering failures so far", e.getMessage(), failed);
                return new Admission(day, false, null);
            }
            LOG.debug("Usage metering unavailable ({}); refusing the call as actiongate.usage.quota-failure-mode=closed", e.getMessage());
            throw ErrorCode.USAGE_UNAVAILABLE.refusal().retryAfter(Duration.ofSeconds(30));
        }
        if (counted.isEmpty()) {
            metrics.count(Metric.QUOTA_REFUSED, operationId);
            later(() -> store.add(caller.subject(), day, Map.of(Tally.REFUSED, 1L)));
            refused(Refusal.QUOTA_EXCEEDED);
            Duration untilMidnight = Duration.between(now, day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
            throw ErrorCode.QUOTA_EXCEEDED.refusal("You have used all " + quota + " ActionGate calls your " + caller.tier()
                    + " tier allows per day; more become available at midnight UTC, in " + describe(untilMidnight) + ".")
                    .retryAfter(untilMidnight);
        }
        return new Admission(day, true, counted.getAsLong());
    }

    /**
     * How the call ended, how long it took and how many GitHub requests it made, and the person's
     * profile now and then: all off the caller's path.
     */
    public void finish(Caller caller, Admission admission, int status, long latencyMillis, int githubRequests) {
        later(() -> {
            if (admission.counted()) {
                Map<Tally, Long> additions = new EnumMap<>(Tally.class);
                additions.put(outcome(status), 1L);
                additions.put(Tally.LATENCY_TOTAL_MS, latencyMillis);
                additions.put(Tally.LATENCY_COUNT, 1L);
                if (githubRequests > 0) {
                    additions.put(Tally.GITHUB_REQUESTS, (long) githubRequests);
                }
                store.add(caller.subject(), admission.day(), additions);
            }
            profile(caller);
        });
    }

    /**
     * Today's count for a person, for getMe: from this call's own admission when metering counted it,
     * otherwise read from the store; empty when metering is off or the store cannot be read.
     */
    public Optional<DayUsage> today(Caller caller, Optional<Admission> admission) {
        if (!settings.meteringEnabled()) {
            return Optional.empty();
        }
        if (admission.isPresent() && admission.get().callsToday() != null) {
            return Optional.of(new DayUsage(admission.get().callsToday(), limit(caller.tier())));
        }
        if (admission.isPresent() && !admission.get().counted()) {
            return Optional.empty(); // this call's own write just failed: a read would only fail again, on the caller's time
        }
        try {
            return Optional.of(new DayUsage(store.calls(caller.subject(), day(clock.instant())), limit(caller.tier())));
        } catch (StoreUnavailableException e) {
            failures.incrementAndGet();
            return Optional.empty();
        }
    }

    /**
     * Counts a refusal for the admin page, off the caller's path. The queue is bounded, so a flood of refused
     * requests costs at most its length in pending writes; beyond it they go uncounted (and are in the metrics).
     */
    public void refused(Refusal refusal) {
        if (!settings.meteringEnabled()) {
            return;
        }
        Instant now = clock.instant();
        later(() -> store.refused(day(now), refusal, now.plus(settings.usageRetention())));
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

    private void profile(Caller caller) {
        Instant now = clock.instant();
        Instant last = profileWritten.get(caller.subject());
        if (last != null && last.plus(PROFILE_INTERVAL).isAfter(now)) {
            return;
        }
        profileWritten.put(caller.subject(), now);
        store.seen(caller.subject(), caller.email(), caller.tier(), now);
    }

    private void later(Runnable write) {
        background.execute(() -> {
            try {
                write.run();
            } catch (StoreUnavailableException e) {
                long failed = failures.incrementAndGet();
                LOG.debug("Usage record not written ({}); {} metering failures so far", e.getMessage(), failed);
            }
        });
    }

    /** How a metered call ended, as counted: 429s apart, then server and client errors. */
    static Tally outcome(int status) {
        if (status == 429) {
            return Tally.OVER_QUOTA;
        }
        return status >= 500 ? Tally.SERVER_ERROR : status >= 400 ? Tally.CLIENT_ERROR : Tally.OK;
    }

    private static LocalDate day(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    private static String describe(Duration wait) {
        long hours = wait.toHours();
        return hours >= 1 ? "about " + hours + (hours == 1 ? " hour" : " hours") : "about " + Math.max(1, wait.toMinutes()) + " minutes";
    }
}
