package dev.actiongate.gpt;

import dev.actiongate.devops.Answers.DeploymentList;
import dev.actiongate.devops.DeploymentOperations;
import dev.actiongate.devops.Paging;
import dev.actiongate.security.Caller;
import dev.actiongate.security.Scopes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code listDeployments} on the GPT's REST face. */
@Tag(name = ApiDocumentDefinition.DEPLOYMENTS)
@Controller("/api/deployments")
@ExecuteOn(TaskExecutors.BLOCKING)
final class DeploymentsController {

    private final DeploymentOperations deployments;

    DeploymentsController(DeploymentOperations deployments) {
        this.deployments = deployments;
    }

    @Get
    @Secured(Scopes.DEPLOYMENTS_READ)
    @Operation(operationId = "listDeployments", summary = "List deployments",
            description = "Lists recent deployments of a repository, newest first, optionally of one environment, with the latest status of up to 10 of them (fewer when GitHub's shared budget runs low; note says so).",
            security = @SecurityRequirement(name = "oauth2", scopes = Scopes.DEPLOYMENTS_READ))
    DeploymentList listDeployments(@Parameter(description = "Repository as owner/name.") @QueryValue String repo,
                                   @Parameter(description = "Environment, e.g. production.") @QueryValue @Nullable String environment,
                                   @Parameter(description = "How many deployments, 1 to 20; the latest status is looked up for the first 10.", schema = @Schema(type = "integer", minimum = "1", maximum = "" + DeploymentOperations.MAX_DEPLOYMENTS, defaultValue = "10")) @QueryValue(defaultValue = "10") int limit,
                                   @Parameter(description = "Page, from 1.", schema = @Schema(type = "integer", minimum = "1", maximum = "" + Paging.MAX_PAGE, defaultValue = "1")) @QueryValue(defaultValue = "1") int page,
                                   @Parameter(hidden = true) Caller caller) {
        return deployments.listDeployments(caller, repo, environment, limit, page);
    }
}
