package dev.actiongate.oauth;

import dev.actiongate.web.PublicBaseUrl;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.util.List;

/** {@code /.well-known/oauth-protected-resource} (RFC 9728): the API, its scopes, and the bridge that signs people in. */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
final class ProtectedResourceController {

    static final String PATH = "/.well-known/oauth-protected-resource";

    private final PublicBaseUrl baseUrl;
    private final ScopeRequest scopes;

    ProtectedResourceController(PublicBaseUrl baseUrl, ScopeRequest scopes) {
        this.baseUrl = baseUrl;
        this.scopes = scopes;
    }

    @Get(PATH)
    ProtectedResourceMetadata metadata(HttpRequest<?> request) {
        String base = baseUrl.of(request);
        return new ProtectedResourceMetadata(base, "ActionGate", List.of(base), scopes.supported(), List.of("header"),
                base + "/openapi.json", base + "/privacy");
    }
}
