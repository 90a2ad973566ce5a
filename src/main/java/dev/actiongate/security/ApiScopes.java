package dev.actiongate.security;

import dev.actiongate.config.IdpSettings;
import dev.actiongate.upstream.ScopeClaims;
import jakarta.inject.Singleton;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The API's scopes as the identity provider spells them: with {@code actiongate.idp.scope-prefix} in
 * front when asking for them and in tokens, without it everywhere inside ActionGate.
 */
@Singleton
public final class ApiScopes {

    private final String prefix;
    private final List<String> alwaysRequested;

    ApiScopes(IdpSettings settings) {
        this.prefix = settings.scopePrefix();
        this.alwaysRequested = settings.scopes();
    }

    /**
     * The API scopes a verified token carries; the provider's other scopes ({@code openid}, ...) are not
     * API scopes and never become roles.
     */
    public Set<String> granted(Map<String, Object> claims) {
        Set<String> scopes = new LinkedHashSet<>();
        for (String scope : ScopeClaims.of(claims)) {
            apiScope(scope).ifPresent(scopes::add);
        }
        return scopes;
    }

    /**
     * The scope parameter for the provider: the always-requested ones, then each scope asked for, API scopes
     * prefixed and the provider's own (OpenID Connect's, say) as they are, each once.
     */
    public String upstream(String scopes) {
        Set<String> names = new LinkedHashSet<>(alwaysRequested);
        for (String scope : scopes.split(" ")) {
            if (!scope.isEmpty()) {
                names.add(Scopes.ALL.contains(scope) ? prefix + scope : scope);
            }
        }
        return String.join(" ", names);
    }

    /**
     * What the GPT's token answer reports, from the scopes the provider granted: every API scope among them,
     * and those of the others that the GPT asked for.
     */
    public String reported(Set<String> upstreamGranted, Predicate<String> askedFor) {
        Set<String> reported = new LinkedHashSet<>();
        for (String scope : upstreamGranted) {
            apiScope(scope).or(() -> Optional.of(scope).filter(askedFor)).ifPresent(reported::add);
        }
        return String.join(" ", reported);
    }

    /** The API scope a scope from the provider stands for, if it is one. */
    private Optional<String> apiScope(String upstream) {
        return Optional.of(upstream).filter(scope -> scope.startsWith(prefix)).map(scope -> scope.substring(prefix.length()))
                .filter(Scopes.ALL::contains);
    }
}
