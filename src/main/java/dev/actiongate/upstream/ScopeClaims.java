package dev.actiongate.upstream;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * How a provider's token says which scopes it carries: {@code scope}, space separated (RFC 9068 §2.2.3,
 * RFC 8693 §4.2), or {@code scp}, a list or a string (Okta, Entra ID). The names are the provider's spelling.
 */
public final class ScopeClaims {

    private ScopeClaims() {
    }

    public static Set<String> of(Map<String, Object> claims) {
        Set<String> scopes = new LinkedHashSet<>();
        addAll(scopes, claims.get("scope"));
        addAll(scopes, claims.get("scp"));
        return scopes;
    }

    /** A space-separated scope string (RFC 6749 §3.3). */
    public static Set<String> of(String scope) {
        Set<String> scopes = new LinkedHashSet<>();
        addAll(scopes, scope);
        return scopes;
    }

    private static void addAll(Set<String> scopes, Object claim) {
        if (claim instanceof String text) {
            for (String scope : text.trim().split("\\s+")) {
                if (!scope.isEmpty()) {
                    scopes.add(scope);
                }
            }
        } else if (claim instanceof Collection<?> values) {
            values.forEach(value -> addAll(scopes, value));
        }
    }
}
