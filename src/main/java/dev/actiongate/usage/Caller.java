package dev.actiongate.usage;

import dev.actiongate.config.UsageSettings;
import io.micronaut.security.authentication.Authentication;

import java.util.Map;

/** Who is calling, as metering sees it: the token's subject, e-mail and tier. */
public record Caller(String subject, String email, String tier) {

    /** The tier named by the configured claim when it is a known tier, else the default tier. */
    public static Caller of(Authentication authentication, UsageSettings settings) {
        Map<String, Object> claims = authentication.getAttributes();
        String email = claims.get("email") instanceof String text && !text.isBlank() ? text : null;
        Object claimed = claims.get(settings.tierClaim());
        String tier = claimed instanceof String name && settings.dailyQuota().containsKey(name) ? name : settings.defaultTier();
        return new Caller(authentication.getName(), email, tier);
    }
}
