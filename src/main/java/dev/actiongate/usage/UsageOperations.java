package dev.actiongate.usage;

import dev.actiongate.security.Caller;
import dev.actiongate.store.DayCounter;
import dev.actiongate.store.Refusal;
import dev.actiongate.store.StoreUnavailableException;
import dev.actiongate.store.Tally;
import dev.actiongate.store.UsageStore;
import dev.actiongate.web.ErrorCode;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The operations about the caller and their usage: {@code getMe}, and {@code getUsage} (everyone's with {@code admin}). */
@Singleton
public final class UsageOperations {

    public static final int MAX_DAYS = 92;
    public static final int MAX_GROUPS = 100;
    /** Counter items one report may read; a wider question must narrow its range. */
    static final int MAX_ITEMS = 20_000;
    private static final List<String> GROUPINGS = List.of("day", "operation", "user", "face");

    private final UsageStore store;
    private final UsageMeter meter;
    private final Clock clock;

    UsageOperations(UsageStore store, UsageMeter meter, Clock clock) {
        this.store = store;
        this.meter = meter;
        this.clock = clock;
    }

    /**
     * Who the caller is, what their sign-in grants, and today's quota left.
     *
     * @param admission this call's own metering, when it was metered (its count spares a read)
     */
    public Me getMe(Caller caller, Optional<UsageMeter.Admission> admission) {
        Me.Quota quota = meter.today(caller, admission)
                .map(today -> new Me.Quota(caller.tier(), today.dailyLimit(), today.calls(), today.remaining()))
                .orElse(null);
        return new Me(caller.subject(), caller.email(), caller.name(), caller.issuer(), List.copyOf(caller.scopes()),
                caller.expiresAt(), quota);
    }

    /**
     * Metered calls between two UTC days, grouped by day, operation or user.
     *
     * @param from   first day, YYYY-MM-DD; null for 6 days before {@code to}
     * @param to     last day; null for today
     * @param cursor an earlier answer's {@code nextCursor}, or null
     */
    public UsageReport getUsage(Caller caller, String from, String to, String groupBy, int limit, String cursor) {
        LocalDate last = date(to, "to", LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        LocalDate first = date(from, "from", last.minusDays(6));
        if (first.isAfter(last) || ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw ErrorCode.RANGE_INVALID.refusal("Ask for a range of 1 to " + MAX_DAYS + " days with from on or before to.");
        }
        if (!GROUPINGS.contains(groupBy)) {
            throw ErrorCode.GROUP_BY_INVALID.refusal("Group usage by day, operation, user or face.");
        }
        if (limit < 1 || limit > MAX_GROUPS) {
            throw ErrorCode.LIMIT_INVALID.refusal("Ask for between 1 and " + MAX_GROUPS + " groups at a time.");
        }
        int offset = offset(cursor);
        boolean everyone = caller.isAdmin();
        List<DayCounter> counters;
        try {
            counters = everyone ? everyone(first, last) : store.days(caller.subject(), first, last, MAX_ITEMS);
        } catch (UsageStore.TooManyItemsException e) {
            throw ErrorCode.RANGE_TOO_LARGE.refusal();
        } catch (StoreUnavailableException e) {
            throw ErrorCode.USAGE_UNAVAILABLE.refusal("Usage cannot be read right now; try again in a minute.");
        }
        List<UsageReport.Group> groups = group(counters, groupBy);
        long total = counters.stream().mapToLong(DayCounter::calls).sum();
        List<UsageReport.Group> page = groups.stream().skip(offset).limit(limit).toList();
        String next = offset + limit < groups.size() ? Integer.toString(offset + limit) : null;
        return new UsageReport(first, last, groupBy, everyone, total, page, next);
    }

    /**
     * The admin page's figures: everyone's calls per day over the {@code days} days up to today, by operation
     * and by person, and the refusals by reason. Only for {@code admin}.
     */
    public UsageOverview overview(Caller caller, int days) {
        if (!caller.isAdmin()) {
            throw ErrorCode.INSUFFICIENT_SCOPE.refusal();
        }
        LocalDate last = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate first = last.minusDays(days - 1L);
        List<DayCounter> counters;
        Map<LocalDate, Map<Refusal, Long>> refused;
        try {
            counters = everyone(first, last);
            refused = store.refusals(first, last);
        } catch (UsageStore.TooManyItemsException | StoreUnavailableException e) {
            return new UsageOverview(first, last, 0, List.of(), List.of(), List.of(), List.of(), false);
        }
        Map<LocalDate, Long> perDay = new TreeMap<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            perDay.put(day, 0L);
        }
        counters.forEach(counter -> perDay.merge(counter.day(), counter.calls(), Long::sum));
        Map<Refusal, Long> reasons = new EnumMap<>(Refusal.class);
        refused.values().forEach(day -> day.forEach((refusal, count) -> reasons.merge(refusal, count, Long::sum)));
        return new UsageOverview(first, last, counters.stream().mapToLong(DayCounter::calls).sum(),
                perDay.entrySet().stream().map(entry -> new UsageOverview.Day(entry.getKey(), entry.getValue())).toList(),
                shares(group(counters, "operation")), shares(group(counters, "user")),
                reasons.entrySet().stream().sorted(Map.Entry.<Refusal, Long>comparingByValue().reversed())
                        .map(entry -> new UsageOverview.RefusalCount(entry.getKey().status(), entry.getKey().reason(), entry.getValue())).toList(),
                true);
    }

    private static List<UsageOverview.Share> shares(List<UsageReport.Group> groups) {
        return groups.stream().limit(MAX_GROUPS).map(group -> new UsageOverview.Share(group.key(), group.calls())).toList();
    }

    /** One day of everyone at a time, through the store's index by day. */
    private List<DayCounter> everyone(LocalDate first, LocalDate last) throws UsageStore.TooManyItemsException {
        List<DayCounter> counters = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            counters.addAll(store.everyone(day, MAX_ITEMS - counters.size()));
        }
        return counters;
    }

    private static List<UsageReport.Group> group(List<DayCounter> counters, String groupBy) {
        if (groupBy.equals("operation") || groupBy.equals("face")) {
            Map<String, Long> calls = new TreeMap<>();
            counters.forEach(counter -> (groupBy.equals("face") ? counter.byFace() : counter.byOperation())
                    .forEach((key, count) -> calls.merge(key, count, Long::sum)));
            return calls.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .map(entry -> new UsageReport.Group(entry.getKey(), entry.getValue(), null, null, null, null, null, null)).toList();
        }
        Map<String, List<DayCounter>> byKey = new TreeMap<>();
        for (DayCounter counter : counters) {
            String key = groupBy.equals("day") ? counter.day().toString() : counter.subject();
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(counter);
        }
        List<UsageReport.Group> groups = new ArrayList<>();
        byKey.forEach((key, members) -> {
            long latencyCount = sum(members, Tally.LATENCY_COUNT);
            long githubRequests = sum(members, Tally.GITHUB_REQUESTS);
            groups.add(new UsageReport.Group(key, members.stream().mapToLong(DayCounter::calls).sum(), sum(members, Tally.OK),
                    sum(members, Tally.CLIENT_ERROR), sum(members, Tally.SERVER_ERROR), sum(members, Tally.REFUSED),
                    latencyCount == 0 ? null : sum(members, Tally.LATENCY_TOTAL_MS) / latencyCount,
                    githubRequests == 0 ? null : githubRequests));
        });
        if (groupBy.equals("user")) {
            groups.sort(Comparator.comparingLong(UsageReport.Group::calls).reversed().thenComparing(UsageReport.Group::key));
        }
        return groups;
    }

    private static long sum(List<DayCounter> counters, Tally tally) {
        return counters.stream().mapToLong(counter -> counter.tally(tally)).sum();
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
            throw ErrorCode.CURSOR_INVALID.refusal();
        }
        return Integer.parseInt(cursor);
    }
}
