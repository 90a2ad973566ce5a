package dev.actiongate.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.util.Locale;

/**
 * {@code actiongate.function}: which of the two Lambda functions this process is ({@code oauth} or
 * {@code api}, set by template.yaml), or {@code all} for the local server and tests. It decides which
 * settings are required at start-up and which SSM folder is read.
 */
@ConfigurationProperties("actiongate")
public final class FunctionRole {

    public static final String PROPERTY = "actiongate.function";

    private String function = "all";

    public boolean serves(SecretParameter.Function candidate) {
        String role = function == null || function.isBlank() ? "all" : function.trim().toLowerCase(Locale.ROOT);
        if (role.equals("all")) {
            return true;
        }
        for (SecretParameter.Function known : SecretParameter.Function.values()) {
            if (known.folder().equals(role)) {
                return known == candidate;
            }
        }
        throw new InvalidSettingException(PROPERTY, "is " + function + ": use oauth, api or all");
    }

    public void setFunction(@Nullable String function) {
        this.function = function;
    }
}
