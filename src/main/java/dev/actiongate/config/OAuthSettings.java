package dev.actiongate.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code actiongate.oauth.*}: how long each step of a sign-in may take, and the scope names configured for
 * what a GPT may ask for, what it gets when it names none, and what is passed to the provider as asked.
 * The names are checked against the API's scopes where those are known, in
 * {@code security.RequestableScopes}, which also holds the defaults.
 */
public final class OAuthSettings {

    public static final String PREFIX = "actiongate.oauth";

    private final Duration signInTimeout;
    private final Duration codeLifetime;
    private final Duration replayWindow;
    private final Duration refreshLifetime;
    private final Duration consentLifetime;
    private final Optional<List<String>> requestableScopeNames;
    private final Optional<List<String>> defaultScopeNames;
    private final List<String> passthroughScopeNames;

    private OAuthSettings(SettingsReader settings) {
        this.signInTimeout = settings.positiveDuration(PREFIX + ".sign-in-timeout", Duration.ofMinutes(10));
        this.codeLifetime = settings.positiveDuration(PREFIX + ".code-lifetime", Duration.ofMinutes(5));
        Duration window = settings.positiveDuration(PREFIX + ".replay-window", Duration.ofSeconds(60));
        if (window.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new InvalidSettingException(PREFIX + ".replay-window", "must be at most 10m");
        }
        this.replayWindow = window;
        Duration refresh = settings.positiveDuration(PREFIX + ".refresh-lifetime", Duration.ofDays(30));
        if (refresh.compareTo(Duration.ofDays(365)) > 0) {
            throw new InvalidSettingException(PREFIX + ".refresh-lifetime", "must be at most 365d");
        }
        this.refreshLifetime = refresh;
        // Browsers keep a cookie at most 400 days (RFC 6265bis §5.5), so a longer remembered consent would be a promise not kept.
        this.consentLifetime = settings.duration(PREFIX + ".consent-lifetime", Duration.ofDays(30),
                value -> !value.isNegative() && !value.isZero() && value.compareTo(Duration.ofDays(400)) <= 0,
                "must be a duration above zero and at most 400d, such as 30d");
        this.requestableScopeNames = settings.list(PREFIX + ".requestable-scopes").map(OAuthSettings::names);
        this.defaultScopeNames = settings.list(PREFIX + ".default-scopes").map(OAuthSettings::names);
        this.passthroughScopeNames = names(settings.list(PREFIX + ".passthrough-scopes").orElse(List.of()));
    }

    public static OAuthSettings read(SettingsReader settings) {
        return new OAuthSettings(settings);
    }

    /** How long a person may take at the identity provider's sign-in page. */
    public Duration signInTimeout() {
        return signInTimeout;
    }

    /** How long the code handed to the GPT may wait before it is exchanged. */
    public Duration codeLifetime() {
        return codeLifetime;
    }

    /** How long an identical repeated {@code /token} exchange gets the first answer again. */
    public Duration replayWindow() {
        return replayWindow;
    }

    /**
     * How long a public client's refresh token, and its family's record in the table, lasts after it was
     * issued; each refresh issues a new one for as long again.
     */
    public Duration refreshLifetime() {
        return refreshLifetime;
    }

    /** How long a person's "remember this client" on the consent page holds. */
    public Duration consentLifetime() {
        return consentLifetime;
    }

    /** {@code actiongate.oauth.requestable-scopes} as configured; empty when unset (every API scope but admin). */
    public Optional<List<String>> requestableScopeNames() {
        return requestableScopeNames;
    }

    /** {@code actiongate.oauth.default-scopes} as configured; empty when unset (the requestable scopes but admin). */
    public Optional<List<String>> defaultScopeNames() {
        return defaultScopeNames;
    }

    /** {@code actiongate.oauth.passthrough-scopes} as configured, on top of OpenID Connect's standard scopes. */
    public List<String> passthroughScopeNames() {
        return passthroughScopeNames;
    }

    /** Entries of a list setting, each of which may itself hold several names separated by spaces. */
    private static List<String> names(List<String> values) {
        List<String> names = new ArrayList<>();
        for (String value : values) {
            for (String name : value.trim().split("\\s+")) {
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return List.copyOf(names);
    }
}
