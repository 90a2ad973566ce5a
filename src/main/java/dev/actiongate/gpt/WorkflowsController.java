package dev.actiongate.gpt;

import dev.actiongate.devops.Answers.TriggerRequest;
import dev.actiongate.devops.Answers.TriggeredRun;
import dev.actiongate.devops.Answers.WorkflowList;
import dev.actiongate.devops.Paging;
import dev.actiongate.devops.WorkflowOperations;
import dev.actiongate.security.Caller;
import dev.actiongate.security.Scopes;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code listWorkflows} and {@code triggerWorkflow} on the GPT's REST face. */
@Tag(name = ApiDocumentDefinition.WORKFLOWS)
@Controller("/api/workflows")
@ExecuteOn(TaskExecutors.BLOCKING)
final class WorkflowsController {

    private final WorkflowOperations workflows;

    WorkflowsController(WorkflowOperations workflows) {
        this.workflows = workflows;
    }

    @Get
    @Secured(Scopes.WORKFLOWS_READ)
    @Operation(operationId = "listWorkflows", summary = "List workflows",
            description = "Lists the GitHub Actions workflows of a repository, with the file name to use when triggering one.",
            security = @SecurityRequirement(name = "oauth2", scopes = Scopes.WORKFLOWS_READ))
    WorkflowList listWorkflows(@Parameter(description = "Repository as owner/name.") @QueryValue String repo,
                               @Parameter(description = "Page, from 1.", schema = @Schema(type = "integer", minimum = "1", maximum = "" + Paging.MAX_PAGE, defaultValue = "1")) @QueryValue(defaultValue = "1") int page,
                               @Parameter(hidden = true) Caller caller) {
        return workflows.listWorkflows(caller, repo, page);
    }

    @Post("/{workflow}/dispatches")
    @Secured(Scopes.WORKFLOWS_TRIGGER)
    @Operation(operationId = "triggerWorkflow", summary = "Start a workflow run",
            description = "Starts a workflow_dispatch run on a branch or tag with the given inputs and returns the run it started, to follow with getRun. Only the workflows and refs an admin allowed may be run (else 403, sentence says which).",
            security = @SecurityRequirement(name = "oauth2", scopes = Scopes.WORKFLOWS_TRIGGER),
            extensions = @Extension(properties = @ExtensionProperty(name = "x-openai-isConsequential", value = "true", parseValue = true)))
    HttpResponse<TriggeredRun> triggerWorkflow(@Parameter(description = "Workflow file name (e.g. deploy.yml) or id.") @PathVariable String workflow,
                                               @Body TriggerRequest request, @Parameter(hidden = true) Caller caller) {
        TriggeredRun started = workflows.triggerWorkflow(caller, workflow, request.repo(), request.ref(), request.inputs());
        // No run id yet: GitHub accepted the trigger but has not shown the run, so "accepted", not "done".
        return HttpResponse.status(started.runId() == null ? HttpStatus.ACCEPTED : HttpStatus.OK).body(started);
    }
}
