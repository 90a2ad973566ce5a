package dev.actiongate.security;

import dev.actiongate.config.UsageSettings;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;

import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Map;

/** Makes the {@link Caller} of a verified token: its claims as the resource server accepted them. */
@Singleton
public final class Callers {

    private static final String ATTRIBUTE = Caller.class.getName();

    private final UsageSettings usage;

    Callers(UsageSettings usage) {
        this.usage = usage;
    }

    /** The request's caller, made once per request. */
    public Caller of(HttpRequest<?> request, Authentication authentication) {
        return request.getAttribute(ATTRIBUTE, Caller.class).orElseGet(() -> {
            Caller caller = of(authentication, Face.of(request.getPath()));
            request.setAttribute(ATTRIBUTE, caller);
            return caller;
        });
    }

    /** The tier is the one the configured claim names when it is a known tier, else the default tier. */
    public Caller of(Authentication authentication, Face face) {
        Map<String, Object> claims = authentication.getAttributes();
        Object claimed = claims.get(usage.tierClaim());
        String tier = claimed instanceof String name && usage.dailyQuota().containsKey(name) ? name : usage.defaultTier();
        return new Caller(authentication.getName(), text(claims.get("email")), text(claims.get("name")), text(claims.get("iss")),
                Collections.unmodifiableSet(new LinkedHashSet<>(authentication.getRoles())),
                claims.get("exp") instanceof Date date ? date.toInstant() : null, tier, face);
    }

    private static String text(Object claim) {
        return claim instanceof String value && !value.isBlank() ? value : null;
    }
}
