package dev.actiongate.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The OAuth scopes of the API and how a token carries them. */
public final class Scopes {

    public static final String WORKFLOWS_READ = "workflows:read";
    public static final String WORKFLOWS_TRIGGER = "workflows:trigger";
    public static final String DEPLOYMENTS_READ = "deployments:read";
    public static final String LOGS_READ = "logs:read";
    public static final String ANALYTICS_READ = "analytics:read";
    public static final String ADMIN = "admin";

    public static final List<String> ALL = List.of(WORKFLOWS_READ, WORKFLOWS_TRIGGER, DEPLOYMENTS_READ, LOGS_READ,
            ANALYTICS_READ, ADMIN);

    private Scopes() {
    }

    /** Scopes from {@code scope} (space separated, RFC 9068) or {@code scp} (a list or a string, as Okta and Azure send). */
    public static Set<String> granted(Map<String, Object> claims) {
        Set<String> scopes = new LinkedHashSet<>();
        addAll(scopes, claims.get("scope"));
        addAll(scopes, claims.get("scp"));
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
