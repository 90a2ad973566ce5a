package dev.actiongate.gpt;

import dev.actiongate.devops.Answers.RunAction;
import dev.actiongate.devops.Answers.RunDetail;
import dev.actiongate.devops.Answers.RunList;
import dev.actiongate.devops.Paging;
import dev.actiongate.devops.RunOperations;
import dev.actiongate.security.Caller;
import dev.actiongate.security.Scopes;
import io.micronaut.core.annotation.Nullable;
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

/** {@code listRuns}, {@code getRun}, {@code cancelRun} and {@code rerunRun} on the GPT's REST face. */
@Tag(name = ApiDocumentDefinition.RUNS)
@Controller("/api/runs")
@ExecuteOn(TaskExecutors.BLOCKING)
final class RunsController {

    private final RunOperations runs;

    RunsController(RunOperations runs) {
        this.runs = runs;
    }

    @Get
    @Secured(Scopes.WORKFLOWS_READ)
    @Operation(operationId = "listRuns", summary = "List workflow runs",
            description = "Lists recent workflow runs of a repository, newest first, optionally only of one workflow, branch or status.",
            security = @SecurityRequirement(name = "oauth2", scopes = Scopes.WORKFLOWS_READ))
    RunList listRuns(@Parameter(description = "Repository as owner/name.") @QueryValue String repo,
                     @Parameter(description = "Workflow file name (e.g. deploy.yml) or id.") @QueryValue @Nullable String workflow,
                     @Parameter(description = "Branch name.") @QueryValue @Nullable String branch,
                     @Parameter(description = "queued, in_progress, completed, success, failure, cancelled, ...") @QueryValue @Nullable String status,
                     @Parameter(description = "How many runs, 1 to 30.", schema = @Schema(type = "integer", minimum = "1", maximum = "" + RunOperations.MAX_RUNS, defaultValue = "10")) @QueryValue(defaultValue = "10") int limit,
                     @Parameter(description = "Page, from 1.", schema = @Schema(type = "integer", minimum = "1", maximum = "" + Paging.MAX_PAGE, defaultValue = "1")) @QueryValue(defaultValue = "1") int page,
                     @Parameter(hidden = true) Caller caller) {
        return runs.listRuns(caller, repo, workflow, branch, status, limit, page);
    }

    @Get("/{runId}")
    @Secured(Scopes.WORKFLOWS_READ)
    @Operation(operationId = "getRun", summary = "Follow a run",
            description = "Shows a workflow run with its jobs: status, conclusion and duration of each, and the steps of jobs that did not succeed.",
            security = @SecurityRequirement(name = "oauth2", scopes = Scopes.WORKFLOWS_READ))
    RunDetail getRun(@Parameter(description = "The run's id.") @PathVariable long runId,
                     @Parameter(description = "Repository as owner/name.") @QueryValue String repo,
                     @Parameter(hidden = true) Caller caller) {
        return runs.getRun(caller, runId, repo);
    }

    @Post("/{runId}/cancel")
    @Secured(Scopes.WORKFLOWS_TRIGGER)
    @Operation(operationId = "cancelRun", summary = "Cancel a run",
            description = "Asks GitHub to cancel a queued or running workflow run.",
            security = @SecurityRequirement(name = "oauth2", scopes = Scopes.WORKFLOWS_TRIGGER),
            extensions = @Extension(properties = @ExtensionProperty(name = "x-openai-isConsequential", value = "true", parseValue = true)))
    RunAction cancelRun(@Parameter(description = "The run's id.") @PathVariable long runId,
                        @Parameter(description = "Repository as owner/name.") @QueryValue String repo,
                        @Parameter(hidden = true) Caller caller) {
        return runs.cancelRun(caller, runId, repo);
    }

    @Post("/{runId}/rerun")
    @Secured(Scopes.WORKFLOWS_TRIGGER)
    @Operation(operationId = "rerunRun", summary = "Re-run a run",
            description = "Starts a new attempt of a finished workflow run: all jobs, or only the failed ones.",
            security = @SecurityRequirement(name = "oauth2", scopes = Scopes.WORKFLOWS_TRIGGER),
            extensions = @Extension(properties = @ExtensionProperty(name = "x-openai-isConsequential", value = "true", parseValue = true)))
    RunAction rerunRun(@Parameter(description = "The run's id.") @PathVariable long runId,
                       @Parameter(description = "Repository as owner/name.") @QueryValue String repo,
                       @Parameter(description = "Re-run only the jobs that failed (and those depending on them).") @QueryValue(defaultValue = "false") boolean failedJobsOnly,
                       @Parameter(hidden = true) Caller caller) {
        return runs.rerunRun(caller, runId, repo, failedJobsOnly);
    }
}
