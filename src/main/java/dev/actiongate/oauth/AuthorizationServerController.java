package dev.actiongate.oauth;

import dev.actiongate.config.ClientSettings;
import dev.actiongate.security.RequestableScopes;
import dev.actiongate.web.PublicBaseUrl;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.util.List;

/** {@code /.well-known/oauth-authorization-server} (RFC 8414): the bridge's own endpoints, on the API's domain. */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
final class AuthorizationServerController {

    static final String PATH = "/.well-known/oauth-authorization-server";

    private final PublicBaseUrl baseUrl;
    private final RequestableScopes scopes;
    private final ClientSettings clients;

    AuthorizationServerController(PublicBaseUrl baseUrl, RequestableScopes scopes, ClientSettings clients) {
        this.baseUrl = baseUrl;
        this.scopes = scopes;
        this.clients = clients;
    }

    @Get(PATH)
    AuthorizationServerMetadata metadata(HttpRequest<?> request) {
        String base = baseUrl.of(request);
        // none: the MCP clients, public, with PKCE; Claude picks metadata documents only when both are offered.
        return new AuthorizationServerMetadata(base, base + AuthorizeController.PATH, base + TokenController.PATH,
                clients.registrationOpen() ? base + RegisterController.PATH : null,
                List.of("code"), List.of("authorization_code", "refresh_token"),
                List.of("client_secret_post", "client_secret_basic", "none"), List.of("S256"), scopes.advertised(),
                base + "/openapi.json", true, true);
    }
}
