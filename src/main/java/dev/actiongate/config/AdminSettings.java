package dev.actiongate.config;

import java.time.Duration;

/**
 * {@code actiongate.admin.*}: the admin page at {@code /admin}. {@code session-lifetime} is how long a
 * sign-in to the page lasts before the person signs in again: short, since the page shows everyone's usage
 * and the session outlives nothing at the provider (removing {@code admin} there takes effect at the next sign-in).
 */
public final class AdminSettings {

    public static final String PREFIX = "actiongate.admin";
    public static final String SESSION_LIFETIME = PREFIX + ".session-lifetime";
    public static final Duration DEFAULT_SESSION_LIFETIME = Duration.ofMinutes(30);
    static final Duration MAX_SESSION_LIFETIME = Duration.ofHours(12);

    private final Duration sessionLifetime;

    private AdminSettings(SettingsReader settings) {
        this.sessionLifetime = settings.duration(SESSION_LIFETIME, DEFAULT_SESSION_LIFETIME,
                value -> value.compareTo(Duration.ofMinutes(1)) >= 0 && value.compareTo(MAX_SESSION_LIFETIME) <= 0,
                "must be a duration from 1m to 12h, such as 30m");
    }

    public static AdminSettings read(SettingsReader settings) {
        return new AdminSettings(settings);
    }

    public Duration sessionLifetime() {
        return sessionLifetime;
    }
}
