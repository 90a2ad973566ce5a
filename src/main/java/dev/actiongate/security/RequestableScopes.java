package dev.actiongate.security;

import dev.actiongate.config.IdpSettings;
import dev.actiongate.config.InvalidSettingException;
import dev.actiongate.config.OAuthSettings;
import io.micronaut.context.annotation.Context;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The scopes a client may ask for, which it gets when it names no API scope, and which of the provider's
 * are passed on as asked: {@code actiongate.oauth.*-scopes} checked against the API's scopes. Read while
 * the application starts, on every function, so a bad name stops start-up with its one line.
 */
@Context
public final class RequestableScopes {

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
    private static final String REQUESTABLE_SETTING = OAuthSettings.PREFIX + ".requestable-scopes";
    private static final String DEFAULT_SETTING = OAuthSettings.PREFIX + ".default-scopes";
    private static final String PASSTHROUGH_SETTING = OAuthSettings.PREFIX + ".passthrough-scopes";
    /** RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ). */
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,100}");

    private final Set<String> requestable;
    private final Set<String> defaults;
    private final Set<String> passthrough;

    RequestableScopes(OAuthSettings settings, IdpSettings idp) {
        this.requestable = requestable(settings);
        this.defaults = defaults(settings, requestable);
        this.passthrough = passthrough(settings, idp.scopePrefix());
    }

    /** The API scopes a GPT may ask for at {@code /authorize} and when it refreshes; any other API scope is invalid_scope. */
    public Set<String> requestableScopes() {
        return requestable;
    }

    /** What a GPT that names no API scope gets; a subset of the requestable scopes. */
    /**
     * What clients are told they may ask for (discovery documents, the MCP server's challenges): the
     * requestable scopes but {@code admin} (RFC 8414 §2 and RFC 9728 §2 let a server leave scopes out),
     * because some clients ask for every scope listed.
     */
    public List<String> advertised() {
        return requestable.stream().filter(scope -> !scope.equals(Scopes.ADMIN)).toList();
    }

    public Set<String> defaultScopes() {
        return defaults;
    }

    /**
     * Scopes that are not the API's but the provider's, passed on as asked and never refused: OpenID Connect's
     * standard ones plus those listed in {@code actiongate.oauth.passthrough-scopes}.
     */
    public Set<String> passthroughScopes() {
        return passthrough;
    }

    private static Set<String> requestable(OAuthSettings settings) {
        Set<String> scopes = apiScopes(REQUESTABLE_SETTING, settings.requestableScopeNames().orElse(DEFAULT_REQUESTABLE_SCOPES));
        if (scopes.isEmpty()) {
            throw new InvalidSettingException(REQUESTABLE_SETTING, "is empty: leave it unset for every API scope but admin");
        }
        return scopes;
    }

    private static Set<String> defaults(OAuthSettings settings, Set<String> requestable) {
        if (settings.defaultScopeNames().isEmpty()) {
            Set<String> scopes = new LinkedHashSet<>(requestable);
            scopes.remove(Scopes.ADMIN);
            return Collections.unmodifiableSet(scopes);
        }
        Set<String> scopes = apiScopes(DEFAULT_SETTING, settings.defaultScopeNames().get());
        for (String scope : scopes) {
            if (!requestable.contains(scope)) {
                throw new InvalidSettingException(DEFAULT_SETTING, "names " + scope
                        + ", which is not in " + REQUESTABLE_SETTING + " (" + String.join(", ", requestable) + ")");
            }
        }
        return scopes;
    }

    private static Set<String> passthrough(OAuthSettings settings, String prefix) {
        Set<String> scopes = new LinkedHashSet<>(STANDARD_PASSTHROUGH_SCOPES);
        for (String name : settings.passthroughScopeNames()) {
            if (!SCOPE_TOKEN.matcher(name).matches()) {
                throw new InvalidSettingException(PASSTHROUGH_SETTING, "names a scope with a character RFC 6749 does not allow in one");
            }
            if (Scopes.ALL.contains(name)) {
                throw new InvalidSettingException(PASSTHROUGH_SETTING, "names " + name
                        + ", an API scope; which API scopes a GPT may ask for is " + REQUESTABLE_SETTING);
            }
            scopes.add(name);
        }
        for (String scope : scopes) {
            if (!prefix.isEmpty() && scope.startsWith(prefix)) {
                // In the provider's spelling this is an API scope, which would get past requestable-scopes.
                throw new InvalidSettingException(PASSTHROUGH_SETTING, "names " + scope
                        + ", an API scope as the provider spells it (actiongate.idp.scope-prefix)");
            }
        }
        return Collections.unmodifiableSet(scopes);
    }

    private static Set<String> apiScopes(String property, List<String> names) {
        Set<String> scopes = new LinkedHashSet<>();
        for (String name : names) {
            if (!Scopes.ALL.contains(name)) {
                throw new InvalidSettingException(property, "names " + (SCOPE_TOKEN.matcher(name).matches() ? name : "a scope")
                        + ", which is not one of " + String.join(", ", Scopes.ALL));
            }
            scopes.add(name);
        }
        return Collections.unmodifiableSet(scopes);
    }
}
