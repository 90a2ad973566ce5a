package dev.actiongate.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.util.Optional;
import java.util.regex.Pattern;

/** {@code actiongate.usage.*}: the DynamoDB table for usage, quotas, audit and /token replays. */
@ConfigurationProperties(UsageSettings.PREFIX)
public final class UsageSettings {

    public static final String PREFIX = "actiongate.usage";
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_.-]{3,255}");

    private String table;

    public Optional<String> table() {
        if (table == null || table.isBlank()) {
            return Optional.empty();
        }
        if (!TABLE_NAME.matcher(table.trim()).matches()) {
            throw new InvalidSettingException(PREFIX + ".table", "is not a valid DynamoDB table name");
        }
        return Optional.of(table.trim());
    }

    public void setTable(@Nullable String table) {
        this.table = table;
    }
}
