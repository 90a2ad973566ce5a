package dev.actiongate.config;

import dev.actiongate.security.Scopes;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code actiongate.oauth.*}: how long each step of a sign-in may take, and the scopes a GPT gets by default. */
@ConfigurationProperties(OAuthSettings.PREFIX)
public final class OAuthSettings {

    public static final String PREFIX = "actiongate.oauth";
    /** What a GPT that sends no {@code scope} gets: everything but {@code admin}. */
    public static final List<String> DEFAULT_SCOPES = Scopes.ALL.stream().filter(scope -> !scope.equals(Scopes.ADMIN)).toList();

    private Duration signInTimeout = Duration.ofMinutes(10);
    private Duration codeLifetime = Duration.ofMinutes(5);
    private Duration replayWindow = Duration.ofSeconds(60);
    private List<String> defaultScopes = DEFAULT_SCOPES;

    /** How long a person may take at the identity provider's sign-in page. */
    public Duration signInTimeout() {
        return Setting.positive(PREFIX + ".sign-in-timeout", signInTimeout);
    }

    /** How long the code handed to the GPT may wait before it is exchanged. */
    public Duration codeLifetime() {
        return Setting.positive(PREFIX + ".code-lifetime", codeLifetime);
    }

    /** How long an identical repeated {@code /token} exchange gets the first answer again. */
    public Duration replayWindow() {
        Duration window = Setting.positive(PREFIX + ".replay-window", replayWindow);
        if (window.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new InvalidSettingException(PREFIX + ".replay-window", "must be at most 10m");
        }
        return window;
    }

    public Set<String> defaultScopes() {
        Set<String> scopes = new LinkedHashSet<>();
        for (String scope : defaultScopes) {
            String name = scope.trim();
            if (!Scopes.ALL.contains(name)) {
                throw new InvalidSettingException(PREFIX + ".default-scopes",
                        "names " + name + ", which is not one of " + String.join(", ", Scopes.ALL));
            }
            scopes.add(name);
        }
        return scopes;
    }

    public void setSignInTimeout(@Nullable Duration signInTimeout) {
        this.signInTimeout = signInTimeout;
    }

    public void setCodeLifetime(@Nullable Duration codeLifetime) {
        this.codeLifetime = codeLifetime;
    }

    public void setReplayWindow(@Nullable Duration replayWindow) {
        this.replayWindow = replayWindow;
    }

    public void setDefaultScopes(@Nullable List<String> defaultScopes) {
        this.defaultScopes = defaultScopes == null ? DEFAULT_SCOPES : new ArrayList<>(defaultScopes);
    }
}
