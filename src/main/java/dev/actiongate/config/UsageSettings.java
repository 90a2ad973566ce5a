package dev.actiongate.config;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@code actiongate.usage.*}: the DynamoDB table for usage, quotas, audit and /token replays. */
public final class UsageSettings {

    public static final String PREFIX = "actiongate.usage";
    public static final String TABLE = PREFIX + ".table";
    public static final String DAILY_QUOTA = PREFIX + ".daily-quota";
    /** A tier the defaults can rely on; more come from actiongate.usage.daily-quota.<tier>. */
    public static final Map<String, Integer> DEFAULT_DAILY_QUOTA = Map.of("standard", 1000);
    /** A table call on a caller's path, retries included: a table in trouble must cost milliseconds, not seconds. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMillis(300);
    public static final int DEFAULT_BREAKER_FAILURES = 3;
    public static final Duration DEFAULT_BREAKER_COOL_DOWN = Duration.ofSeconds(30);
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_.-]{3,255}");

    private final Optional<String> table;
    private final Optional<URI> endpoint;
    private final Duration auditRetention;
    private final Duration usageRetention;
    private final boolean meteringEnabled;
    private final String tierClaim;
    private final Map<String, Integer> dailyQuota;
    private final String defaultTier;
    private final boolean quotaFailsOpen;
    private final Duration callTimeout;
    private final int breakerFailures;
    private final Duration breakerCoolDown;

    private UsageSettings(SettingsReader settings) {
        this.table = table(settings.string(TABLE));
        this.endpoint = settings.url(PREFIX + ".endpoint");
        this.auditRetention = settings.positiveDuration(PREFIX + ".audit-retention", Duration.ofDays(365));
        this.usageRetention = settings.positiveDuration(PREFIX + ".usage-retention", Duration.ofDays(400));
        this.meteringEnabled = settings.flag(PREFIX + ".metering-enabled", true);
        this.tierClaim = settings.string(PREFIX + ".tier-claim").orElse("tier");
        this.dailyQuota = dailyQuota(settings);
        this.defaultTier = defaultTier(settings.string(PREFIX + ".default-tier").orElse("standard"), dailyQuota);
        // Not trimmed to absence as other texts are: a blank mode has always been refused, not taken for open.
        this.quotaFailsOpen = quotaFailsOpen(settings.raw(PREFIX + ".quota-failure-mode").orElse("open"));
        this.callTimeout = callTimeout(settings.positiveDuration(PREFIX + ".call-timeout", DEFAULT_CALL_TIMEOUT));
        this.breakerFailures = settings.integer(PREFIX + ".breaker-failures", DEFAULT_BREAKER_FAILURES,
                failures -> failures >= 1 && failures <= 100, "must be a number of failed calls from 1 to 100");
        Duration coolDown = settings.positiveDuration(PREFIX + ".breaker-cool-down", DEFAULT_BREAKER_COOL_DOWN);
        if (coolDown.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new InvalidSettingException(PREFIX + ".breaker-cool-down", "must be at most 10m");
        }
        this.breakerCoolDown = coolDown;
    }

    public static UsageSettings read(SettingsReader settings) {
        return new UsageSettings(settings);
    }

    public Optional<String> table() {
        return table;
    }

    /** The table, required by the functions that use it. */
    public String requiredTable() {
        return table.orElseThrow(() -> RequiredSettings.missing(TABLE));
    }

    /** Another DynamoDB endpoint than AWS's: DynamoDB Local or LocalStack. */
    public Optional<URI> endpoint() {
        return endpoint;
    }

    /** How long audit records are kept before DynamoDB's TTL removes them. */
    public Duration auditRetention() {
        return auditRetention;
    }

    /** How long per-day usage counters are kept. */
    public Duration usageRetention() {
        return usageRetention;
    }

    /** Metering (and with it quotas) can be switched off, e.g. to measure what it costs. */
    public boolean meteringEnabled() {
        return meteringEnabled;
    }

    /** The token claim that names a person's tier; without it the default tier applies. */
    public String tierClaim() {
        return tierClaim;
    }

    public String defaultTier() {
        return defaultTier;
    }

    /** Calls per person per UTC day, by tier; a negative number means no limit. */
    public Map<String, Integer> dailyQuota() {
        return dailyQuota;
    }

    /** Whether a call goes ahead (open) or is refused (closed) when the quota cannot be checked. */
    public boolean quotaFailsOpen() {
        return quotaFailsOpen;
    }

    /** How long one table call on a caller's path may take in all, retries included. */
    public Duration callTimeout() {
        return callTimeout;
    }

    /** How many table calls in a row must fail before the table is skipped for a cool-down. */
    public int breakerFailures() {
        return breakerFailures;
    }

    /** How long the table is skipped once the breaker opens, before one call tries it again. */
    public Duration breakerCoolDown() {
        return breakerCoolDown;
    }

    private static Optional<String> table(Optional<String> name) {
        if (name.isPresent() && !TABLE_NAME.matcher(name.get()).matches()) {
            throw new InvalidSettingException(TABLE, "is not a valid DynamoDB table name");
        }
        return name;
    }

    /**
     * The defaults, plus a tier for every {@code actiongate.usage.daily-quota.<tier>} (or
     * {@code ACTIONGATE_USAGE_DAILY_QUOTA_<TIER>}). A variable such as {@code ..._GOLD_PLUS} names the tier
     * {@code gold-plus}; Micronaut also offers it as {@code gold.plus}, a nested entry, which names no tier.
     */
    private static Map<String, Integer> dailyQuota(SettingsReader settings) {
        Map<String, Integer> quotas = new LinkedHashMap<>(DEFAULT_DAILY_QUOTA);
        for (Map.Entry<String, Object> tier : settings.entries(DAILY_QUOTA).entrySet()) {
            if (tier.getValue() instanceof Map<?, ?> || tier.getValue().toString().isBlank()) {
                continue;
            }
            Integer calls = settings.wholeNumber(tier.getValue()).orElseThrow(() -> new InvalidSettingException(
                    DAILY_QUOTA + "." + tier.getKey(), "must be a number of calls per day (-1: no limit)"));
            quotas.put(tier.getKey(), calls);
        }
        return Map.copyOf(quotas);
    }

    private static String defaultTier(String tier, Map<String, Integer> dailyQuota) {
        if (!dailyQuota.containsKey(tier)) {
            throw new InvalidSettingException(PREFIX + ".default-tier", "is " + tier + ", which has no " + DAILY_QUOTA + "." + tier);
        }
        return tier;
    }

    private static boolean quotaFailsOpen(String configured) {
        String mode = configured.trim().toLowerCase(Locale.ROOT);
        if (!mode.equals("open") && !mode.equals("closed")) {
            throw new InvalidSettingException(PREFIX + ".quota-failure-mode", "must be open or closed");
        }
        return mode.equals("open");
    }

    private static Duration callTimeout(Duration timeout) {
        if (timeout.compareTo(Duration.ofMillis(20)) < 0 || timeout.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new InvalidSettingException(PREFIX + ".call-timeout", "must be between 20ms and 10s");
        }
        return timeout;
    }
}
