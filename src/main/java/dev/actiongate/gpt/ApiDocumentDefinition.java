package dev.actiongate.gpt;

import dev.actiongate.security.Scopes;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.OAuthFlow;
import io.swagger.v3.oas.annotations.security.OAuthFlows;
import io.swagger.v3.oas.annotations.security.OAuthScope;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.Set;

/**
 * What the build writes into the OpenAPI document. The URLs here are relative placeholders:
 * {@link OpenApiDocument} replaces them with the deployment's own base URL when the document is served.
 * The tags are the capabilities: each controller names its own with {@code @Tag} (one of these), and a
 * new capability is one more tag here (and in {@link #ANSWERED_FROM_GITHUB} when GitHub answers it).
 */
@OpenAPIDefinition(info = @Info(title = "ActionGate", version = "1",
        description = "Operate the team's GitHub Actions CI/CD for the signed-in person: workflows, runs, deployments, logs and usage. "
                + "Everyone shares ActionGate's hourly GitHub requests: when few are left, reads answer 429 github_budget_low with Retry-After, "
                + "while starting, cancelling and re-running runs still work."), tags = {
        @Tag(name = ApiDocumentDefinition.ACCOUNT, description = "Who is signed in, what the sign-in allows and today's quota left."),
        @Tag(name = ApiDocumentDefinition.WORKFLOWS, description = "A repository's GitHub Actions workflows, and starting a run of one."),
        @Tag(name = ApiDocumentDefinition.RUNS, description = "Workflow runs: list them, follow one, cancel or re-run it."),
        @Tag(name = ApiDocumentDefinition.LOGS, description = "The logs of a run's jobs, tailed and paged."),
        @Tag(name = ApiDocumentDefinition.DEPLOYMENTS, description = "GitHub deployments by environment, with their latest status."),
        @Tag(name = ApiDocumentDefinition.USAGE, description = "Calls made through ActionGate, by day, operation or user.")})
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

    static final String ACCOUNT = "account";
    static final String WORKFLOWS = "workflows";
    static final String RUNS = "runs";
    static final String LOGS = "logs";
    static final String DEPLOYMENTS = "deployments";
    static final String USAGE = "usage";

    /** The capabilities whose operations GitHub answers: they can also fail as GitHub does (404, 502, 504). */
    static final Set<String> ANSWERED_FROM_GITHUB = Set.of(WORKFLOWS, RUNS, LOGS, DEPLOYMENTS);

    private ApiDocumentDefinition() {
    }
}
