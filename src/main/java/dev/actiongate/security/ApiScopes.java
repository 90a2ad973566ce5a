package dev.actiongate.security;

import dev.actiongate.config.IdpSettings;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /** The API scopes a verified token carries. */
    public Set<String> granted(Map<String, Object> claims) {
        Set<String> scopes = new LinkedHashSet<>();
        for (String scope : Scopes.granted(claims)) {
            if (prefix.isEmpty()) {
                scopes.add(scope);
            } else if (scope.startsWith(prefix)) {
                scopes.add(scope.substring(prefix.length()));
            }
        }
        return scopes;
    }

    /** The scope parameter for the provider: the always-requested ones plus each API scope, prefixed. */
    public String upstream(String apiScopes) {
        List<String> names = new ArrayList<>(alwaysRequested);
        for (String scope : apiScopes.split(" ")) {
            if (!scope.isEmpty()) {
                names.add(prefix + scope);
            }
        }
        return String.join(" ", names);
    }

    /** The API scopes among those the provider says it granted, for the GPT's token answer. */
    public String fromUpstream(String upstreamScopes) {
        return String.join(" ", granted(Map.of("scope", upstreamScopes)).stream().filter(Scopes.ALL::contains).toList());
    }
}
