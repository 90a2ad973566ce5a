package dev.actiongate.oauth;

import dev.actiongate.web.OAuthErrorCode;
import dev.actiongate.web.OAuthProblem;
import dev.actiongate.web.PublicBaseUrl;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * RFC 8707 resource indicators. {@code /api} and {@code /mcp} are one protected resource with one audience at
 * the provider, so the resources a client may name are this deployment's root URL and its MCP endpoint;
 * without one the token is for this API, as it always was.
 */
@Singleton
final class ResourceIndicators {

    private final PublicBaseUrl baseUrl;

    ResourceIndicators(PublicBaseUrl baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The {@code resource} parameter if it names this API, else {@code invalid_target} (RFC 8707 §2). */
    Optional<String> checked(HttpRequest<?> request, Optional<String> resource) throws OAuthProblem {
        if (resource.isEmpty()) {
            return Optional.empty();
        }
        String base = baseUrl.of(request);
        String named = resource.get();
        // RFC 8707 §2: an absolute URI without a fragment; compared as a plain string, with the root's
        // empty path and "/" taken as the same (RFC 3986 §6.2.3).
        if (named.equals(base) || named.equals(base + "/") || named.equals(base + "/mcp")) {
            return resource;
        }
        throw OAuthProblem.of(OAuthErrorCode.INVALID_TARGET,
                "The resource is not this API; use " + base + "/mcp or " + base + ".");
    }
}
