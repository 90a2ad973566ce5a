package dev.actiongate.config;

import dev.actiongate.security.Scopes;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code actiongate.oauth.*}: how long each step of a sign-in may take, which scopes a GPT may ask for,
 * which it gets when it names none, and which OpenID Connect scopes are passed to the provider as asked.
 */
@ConfigurationProperties(OAuthSettings.PREFIX)
public final class OAuthSettings {

    public static final String PREFIX = "actiongate.oauth";
    /**
     * What a GPT may ask for unless configured otherwise: every API scope but {@code admin}, which would show
     * a person everyone's usage and must not be had by editing the {@code /authorize} URL.
     */
    public static final List<String> DEFAULT_REQUESTABLE_SCOPES = Scopes.ALL.stream().filter(scope -> !scope.equals(Scopes.ADMIN)).toList();
    /** What a GPT that names no API scope gets when neither scope setting is changed. */
    public static final List<String> DEFAULT_SCOPES = DEFAULT_REQUESTABLE_SCOPES;
    /**
     * OpenID Connect's standard scopes (OpenID Connect Core 1.0 §3.1.2.1, §5.4, §11), which GPT builders copy
     * from their provider's docs into the GPT's Scope field: always accepted and passed to the provider.
     */
    public static final List<String> STANDARD_PASSTHROUGH_SCOPES = List.of("openid", "profile", "email", "offline_access");
    /** RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ). */
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,100}");

    private Duration signInTimeout = Duration.ofMinutes(10);
    private Duration codeLifetime = Duration.ofMinutes(5);
    private Duration replayWindow = Duration.ofSeconds(60);
    private List<String> defaultScopes;
    private List<String> requestableScopes = DEFAULT_REQUESTABLE_SCOPES;
    private List<String> passthroughScopes = List.of();

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

    /** The API scopes a GPT may ask for at {@code /authorize} and when it refreshes; any other API scope is invalid_scope. */
    public Set<String> requestableScopes() {
        Set<String> scopes = apiScopes(PREFIX + ".requestable-scopes", requestableScopes);
        if (scopes.isEmpty()) {
            throw new InvalidSettingException(PREFIX + ".requestable-scopes", "is empty: leave it unset for every API scope but admin");
        }
        return scopes;
    }

    /** What a GPT that names no API scope gets; a subset of the requestable scopes. */
    public Set<String> defaultScopes() {
        Set<String> requestable = requestableScopes();
        if (defaultScopes == null) {
            Set<String> scopes = new LinkedHashSet<>(requestable);
            scopes.remove(Scopes.ADMIN);
            return scopes;
        }
        Set<String> scopes = apiScopes(PREFIX + ".default-scopes", defaultScopes);
        for (String scope : scopes) {
            if (!requestable.contains(scope)) {
                throw new InvalidSettingException(PREFIX + ".default-scopes", "names " + scope
                        + ", which is not in actiongate.oauth.requestable-scopes (" + String.join(", ", requestable) + ")");
            }
        }
        return scopes;
    }

    /**
     * Scopes that are not the API's but the provider's, passed on as asked and never refused: OpenID Connect's
     * standard ones plus those listed in {@code actiongate.oauth.passthrough-scopes}.
     */
    public Set<String> passthroughScopes() {
        Set<String> scopes = new LinkedHashSet<>(STANDARD_PASSTHROUGH_SCOPES);
        for (String name : names(passthroughScopes)) {
            if (!SCOPE_TOKEN.matcher(name).matches()) {
                throw new InvalidSettingException(PREFIX + ".passthrough-scopes", "names a scope with a character RFC 6749 does not allow in one");
            }
            if (Scopes.ALL.contains(name)) {
                throw new InvalidSettingException(PREFIX + ".passthrough-scopes", "names " + name
                        + ", an API scope; which API scopes a GPT may ask for is actiongate.oauth.requestable-scopes");
            }
            scopes.add(name);
        }
        return scopes;
    }

    private static Set<String> apiScopes(String property, List<String> values) {
        Set<String> scopes = new LinkedHashSet<>();
        for (String name : names(values)) {
            if (!Scopes.ALL.contains(name)) {
                throw new InvalidSettingException(property, "names " + (SCOPE_TOKEN.matcher(name).matches() ? name : "a scope")
                        + ", which is not one of " + String.join(", ", Scopes.ALL));
            }
            scopes.add(name);
        }
        return scopes;
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
        return names;
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
        this.defaultScopes = defaultScopes == null ? null : new ArrayList<>(defaultScopes);
    }

    public void setRequestableScopes(@Nullable List<String> requestableScopes) {
        this.requestableScopes = requestableScopes == null ? DEFAULT_REQUESTABLE_SCOPES : new ArrayList<>(requestableScopes);
    }

    public void setPassthroughScopes(@Nullable List<String> passthroughScopes) {
        this.passthroughScopes = passthroughScopes == null ? List.of() : new ArrayList<>(passthroughScopes);
    }
}
