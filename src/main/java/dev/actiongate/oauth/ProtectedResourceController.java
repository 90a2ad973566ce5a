package dev.actiongate.oauth;

import dev.actiongate.security.RequestableScopes;
import dev.actiongate.web.PublicBaseUrl;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.util.List;

/**
 * Protected resource metadata (RFC 9728): {@code /.well-known/oauth-protected-resource} describes the REST API
 * the GPT calls, {@code /.well-known/oauth-protected-resource/mcp} the MCP server (RFC 9728 §3.1: the
 * well-known path with the resource's path appended). Both name the bridge as their authorization server and
 * the scopes clients may ask for.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
final class ProtectedResourceController {

    static final String PATH = "/.well-known/oauth-protected-resource";
    static final String MCP_PATH = PATH + "/mcp";

    private final PublicBaseUrl baseUrl;
    private final RequestableScopes scopes;

    ProtectedResourceController(PublicBaseUrl baseUrl, RequestableScopes scopes) {
        this.baseUrl = baseUrl;
        this.scopes = scopes;
    }

    @Get(PATH)
    ProtectedResourceMetadata api(HttpRequest<?> request) {
        String base = baseUrl.of(request);
        return new ProtectedResourceMetadata(base, "ActionGate", List.of(base), scopes.advertised(), List.of("header"),
                base + "/openapi.json", base + "/privacy");
    }

    /** RFC 9728 §3.3: the document's {@code resource} is the URL the client was asked to use. */
    @Get(MCP_PATH)
    ProtectedResourceMetadata mcp(HttpRequest<?> request) {
        String base = baseUrl.of(request);
        return new ProtectedResourceMetadata(base + "/mcp", "ActionGate MCP server", List.of(base), scopes.advertised(),
                List.of("header"), base + "/openapi.json", base + "/privacy");
    }
}
