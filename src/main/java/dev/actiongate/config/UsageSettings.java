package dev.actiongate.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@code actiongate.usage.*}: the DynamoDB table for usage, quotas, audit and /token replays. */
@ConfigurationProperties(UsageSettings.PREFIX)
public final class UsageSettings {

    public static final String PREFIX = "actiongate.usage";
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_.-]{3,255}");

    private String table;
    private String endpoint;
    private Duration auditRetention = Duration.ofDays(365);

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
