package dev.actiongate.gpt;

import dev.actiongate.security.Scopes;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.OAuthFlow;
import io.swagger.v3.oas.annotations.security.OAuthFlows;
import io.swagger.v3.oas.annotations.security.OAuthScope;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * What the build writes into the OpenAPI document. The URLs here are relative placeholders:
 * {@link OpenApiDocument} replaces them with the deployment's own base URL when the document is served.
 */
@OpenAPIDefinition(info = @Info(title = "ActionGate", version = "1",
        description = "Operate the team's GitHub Actions CI/CD for the signed-in person: workflows, runs, deployments, logs and usage. "
                + "Everyone shares ActionGate's hourly GitHub requests: when few are left, reads answer 429 github_budget_low with Retry-After, "
                + "while starting, cancelling and re-running runs still work."))
@SecurityScheme(name = ApiDocumentDefinition.SCHEME, type = SecuritySchemeType.OAUTH2,
        flows = @OAuthFlows(authorizationCode = @OAuthFlow(authorizationUrl = "/authorize", tokenUrl = "/token",
                refreshUrl = "/token", scopes = {
                        @OAuthScope(name = Scopes.WORKFLOWS_READ, description = "List workflows and runs"),
                        @OAuthScope(name = Scopes.WORKFLOWS_TRIGGER, description = "Trigger, cancel and re-run workflows"),
                        @OAuthScope(name = Scopes.DEPLOYMENTS_READ, description = "List deployments"),
                        @OAuthScope(name = Scopes.LOGS_READ, description = "Read run logs"),
                        @OAuthScope(name = Scopes.ANALYTICS_READ, description = "Read usage"),
                        @OAuthScope(name = Scopes.ADMIN, description = "See everyone's usage")})))
final class ApiDocumentDefinition {

    static final String SCHEME = "oauth2";

    private ApiDocumentDefinition() {
    }
}
