package dev.actiongate.oauth;

import dev.actiongate.security.RequestableScopes;
import dev.actiongate.security.Scopes;
import dev.actiongate.web.OAuthProblem;
import jakarta.inject.Singleton;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code scope} a GPT asks for (RFC 6749 §3.3): API scopes only as far as they are requestable, the
 * provider's own scopes (OpenID Connect's {@code openid}, {@code offline_access}, ...) passed on as asked,
 * anything else {@code invalid_scope}.
 */
@Singleton
final class ScopeRequest {

    private final Set<String> requestable;
    private final Set<String> defaults;
    private final Set<String> passthrough;

    ScopeRequest(RequestableScopes settings) {
        this.requestable = settings.requestableScopes();
        this.defaults = settings.defaultScopes();
        this.passthrough = settings.passthroughScopes();
    }

    /**
     * At {@code /authorize}: the scope to remember for the sign-in. A GPT that names no API scope (none at
     * all, or only OpenID Connect ones) gets the default scopes, RFC 6749 §3.3's "pre-defined default value".
     */
    String authorize(String requested) throws OAuthProblem {
        Set<String> scopes = parse(requested);
        if (scopes.stream().noneMatch(Scopes.ALL::contains)) {
            scopes.addAll(defaults);
        }
        return String.join(" ", scopes);
    }

    /**
     * At a refresh that names a scope: the same rules, but no defaults, since RFC 6749 §6 lets a refresh only
     * narrow what was granted. Nothing named means the scope originally granted.
     */
    Optional<String> refresh(String requested) throws OAuthProblem {
        Set<String> scopes = parse(requested);
        return scopes.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", scopes));
    }

    private Set<String> parse(String requested) throws OAuthProblem {
        Set<String> scopes = new LinkedHashSet<>();
        for (String scope : requested == null ? new String[0] : requested.trim().split(" +")) {
            if (scope.isEmpty()) {
                continue;
            }
            if (!passthrough.contains(scope) && !requestable.contains(scope)) {
                throw refusal(scope);
            }
            scopes.add(scope);
        }
        return scopes;
    }

    private OAuthProblem refusal(String scope) {
        if (Scopes.ALL.contains(scope)) {
            return OAuthProblem.invalidScope("The " + scope + " scope cannot be asked for"
                    + " through this GPT; an ActionGate administrator can allow it with actiongate.oauth.requestable-scopes.");
        }
        return OAuthProblem.invalidScope("ActionGate has no scope named "
                + (scope.matches("[\\x21-\\x7E]{1,40}") ? scope : "like that") + "; it offers " + String.join(", ", requestable) + ".");
    }
}
