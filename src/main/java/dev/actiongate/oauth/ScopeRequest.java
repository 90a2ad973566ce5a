package dev.actiongate.oauth;

import dev.actiongate.config.OAuthSettings;
import dev.actiongate.security.Scopes;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.util.LinkedHashSet;
import java.util.Set;

/** The {@code scope} a GPT asks for: known API scopes only, the configured defaults when it asks for none. */
@Singleton
final class ScopeRequest {

    private final Set<String> defaults;

    ScopeRequest(OAuthSettings settings) {
        this.defaults = settings.defaultScopes();
    }

    String parse(String requested) throws OAuthProblem {
        Set<String> scopes = new LinkedHashSet<>();
        for (String scope : requested == null ? new String[0] : requested.trim().split(" +")) {
            if (scope.isEmpty()) {
                continue;
            }
            if (!Scopes.ALL.contains(scope)) {
                throw new OAuthProblem(HttpStatus.BAD_REQUEST, "invalid_scope", "ActionGate has no scope named "
                        + (scope.matches("[\\x21-\\x7E]{1,40}") ? scope : "like that") + "; it offers " + String.join(", ", Scopes.ALL) + ".");
            }
            scopes.add(scope);
        }
        return String.join(" ", scopes.isEmpty() ? defaults : scopes);
    }
}
