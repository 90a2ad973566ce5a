package dev.actiongate.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@code actiongate.usage.*}: the DynamoDB table for usage, quotas, audit and /token replays. */
@ConfigurationProperties(UsageSettings.PREFIX)
public final class UsageSettings {

    public static final String PREFIX = "actiongate.usage";
    /** A tier the defaults can rely on; more come from actiongate.usage.daily-quota.<tier>. */
    public static final Map<String, Integer> DEFAULT_DAILY_QUOTA = Map.of("standard", 1000);
    /** A table call on a caller's path, retries included: a table in trouble must cost milliseconds, not seconds. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMillis(300);
    public static final int DEFAULT_BREAKER_FAILURES = 3;
    public static final Duration DEFAULT_BREAKER_COOL_DOWN = Duration.ofSeconds(30);
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_.-]{3,255}");

    private String table;
    private String endpoint;
    private Duration auditRetention = Duration.ofDays(365);
    private Duration usageRetention = Duration.ofDays(400);
    private boolean meteringEnabled = true;
    private String tierClaim = "tier";
    private String defaultTier = "standard";
    private Map<String, Integer> dailyQuota = new LinkedHashMap<>(DEFAULT_DAILY_QUOTA);
    private String quotaFailureMode = "open";
    private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
    private int breakerFailures = DEFAULT_BREAKER_FAILURES;
    private Duration breakerCoolDown = DEFAULT_BREAKER_COOL_DOWN;

    public Optional<String> table() {
        if (table == null || table.isBlank()) {
            return Optional.empty();
        }
        if (!TABLE_NAME.matcher(table.trim()).matches()) {
            throw new InvalidSettingException(PREFIX + ".table", "is not a valid DynamoDB table name");
        }
        return Optional.of(table.trim());
    }

    /** The table, required by the functions that use it. */
    public String requiredTable() {
        return table().orElseThrow(() -> new InvalidSettingException(PREFIX + ".table",
                "is missing: name the DynamoDB table (template.yaml sets it on AWS)"));
    }

    /** Another DynamoDB endpoint than AWS's: DynamoDB Local or LocalStack. */
    public Optional<URI> endpoint() {
        return endpoint == null || endpoint.isBlank() ? Optional.empty() : Optional.of(Setting.url(PREFIX + ".endpoint", endpoint));
    }

    /** How long audit records are kept before DynamoDB's TTL removes them. */
    public Duration auditRetention() {
        return Setting.positive(PREFIX + ".audit-retention", auditRetention);
    }

    /** How long per-day usage counters are kept. */
    public Duration usageRetention() {
        return Setting.positive(PREFIX + ".usage-retention", usageRetention);
    }

    /** Metering (and with it quotas) can be switched off, e.g. to measure what it costs. */
    public boolean meteringEnabled() {
        return meteringEnabled;
    }

    /** The token claim that names a person's tier; without it the default tier applies. */
    public String tierClaim() {
        return tierClaim == null || tierClaim.isBlank() ? "tier" : tierClaim.trim();
    }

    public String defaultTier() {
        String tier = defaultTier == null || defaultTier.isBlank() ? "standard" : defaultTier.trim();
        if (!dailyQuota().containsKey(tier)) {
            throw new InvalidSettingException(PREFIX + ".default-tier", "is " + tier + ", which has no actiongate.usage.daily-quota." + tier);
        }
        return tier;
    }

    /** Calls per person per UTC day, by tier; a negative number means no limit. */
    public Map<String, Integer> dailyQuota() {
        for (Map.Entry<String, Integer> tier : dailyQuota.entrySet()) {
            if (tier.getValue() == null) {
                throw new InvalidSettingException(PREFIX + ".daily-quota." + tier.getKey(), "must be a number of calls per day (-1: no limit)");
            }
        }
        return Map.copyOf(dailyQuota);
    }

    /** Whether a call goes ahead (open) or is refused (closed) when the quota cannot be checked. */
    public boolean quotaFailsOpen() {
        String mode = quotaFailureMode == null ? "open" : quotaFailureMode.trim().toLowerCase(java.util.Locale.ROOT);
        if (!mode.equals("open") && !mode.equals("closed")) {
            throw new InvalidSettingException(PREFIX + ".quota-failure-mode", "must be open or closed");
        }
        return mode.equals("open");
    }

    /** How long one table call on a caller's path may take in all, retries included. */
    public Duration callTimeout() {
        Duration timeout = Setting.positive(PREFIX + ".call-timeout", callTimeout);
        if (timeout.compareTo(Duration.ofMillis(20)) < 0 || timeout.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new InvalidSettingException(PREFIX + ".call-timeout", "must be between 20ms and 10s");
        }
        return timeout;
    }

    /** How many table calls in a row must fail before the table is skipped for a cool-down. */
    public int breakerFailures() {
        if (breakerFailures < 1 || breakerFailures > 100) {
            throw new InvalidSettingException(PREFIX + ".breaker-failures", "must be a number of failed calls from 1 to 100");
        }
        return breakerFailures;
    }

    /** How long the table is skipped once the breaker opens, before one call tries it again. */
    public Duration breakerCoolDown() {
        Duration coolDown = Setting.positive(PREFIX + ".breaker-cool-down", breakerCoolDown);
        if (coolDown.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new InvalidSettingException(PREFIX + ".breaker-cool-down", "must be at most 10m");
        }
        return coolDown;
    }

    public void setCallTimeout(@Nullable Duration callTimeout) {
        this.callTimeout = callTimeout;
    }

    public void setBreakerFailures(int breakerFailures) {
        this.breakerFailures = breakerFailures;
    }

    public void setBreakerCoolDown(@Nullable Duration breakerCoolDown) {
        this.breakerCoolDown = breakerCoolDown;
    }

    public void setUsageRetention(@Nullable Duration usageRetention) {
        this.usageRetention = usageRetention;
    }

    public void setMeteringEnabled(boolean meteringEnabled) {
        this.meteringEnabled = meteringEnabled;
    }

    public void setTierClaim(@Nullable String tierClaim) {
        this.tierClaim = tierClaim;
    }

    public void setDefaultTier(@Nullable String defaultTier) {
        this.defaultTier = defaultTier;
    }

    public void setDailyQuota(@Nullable Map<String, Integer> dailyQuota) {
        this.dailyQuota = new LinkedHashMap<>(DEFAULT_DAILY_QUOTA);
        if (dailyQuota != null) {
            this.dailyQuota.putAll(dailyQuota);
        }
    }

    public void setQuotaFailureMode(@Nullable String quotaFailureMode) {
        this.quotaFailureMode = quotaFailureMode;
    }

    public void setAuditRetention(@Nullable Duration auditRetention) {
        this.auditRetention = auditRetention;
    }

    public void setEndpoint(@Nullable String endpoint) {
        this.endpoint = endpoint;
    }

    public void setTable(@Nullable String table) {
        this.table = table;
    }
}
