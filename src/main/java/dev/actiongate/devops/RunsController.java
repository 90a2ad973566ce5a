package dev.actiongate.devops;

import dev.actiongate.web.ApiException;
import dev.actiongate.web.ErrorCode;
import dev.actiongate.devops.Answers.RunAction;
import dev.actiongate.devops.Answers.RunDetail;
import dev.actiongate.devops.Answers.RunList;
import dev.actiongate.devops.github.Github;
import dev.actiongate.devops.github.GithubModels.Jobs;
import dev.actiongate.devops.github.GithubModels.Rerun;
import dev.actiongate.devops.github.GithubModels.Run;
import dev.actiongate.devops.github.GithubModels.Runs;
import dev.actiongate.devops.github.GithubPermission;
import dev.actiongate.security.Scopes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import java.util.Map;
import java.util.Set;

/** Workflow runs: list and follow them, cancel or re-run one. */
@Controller("/api/runs")
@ExecuteOn(TaskExecutors.BLOCKING)
final class RunsController {

    static final int MAX_RUNS = 30;
    static final int MAX_JOBS = 50;
    static final int STEP_BUDGET = 150;
    private static final Set<String> STATUSES = Set.of("completed", "action_required", "cancelled", "failure", "neutral", "skipped",
            "stale", "success", "timed_out", "in_progress", "queued", "requested", "waiting", "pending");

    private final Github github;
    private final RepositoryAllowlist allowlist;
    private final MutatingCalls mutations;

    RunsController(Github github, RepositoryAllowlist allowlist, MutatingCalls mutations) {
        this.github = github;
        this.allowlist = allowlist;
        this.mutations = mutations;
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
                     @Parameter(description = "How many runs, 1 to 30.") @QueryValue(defaultValue = "10") int limit,
                     @Parameter(description = "Page, from 1.") @QueryValue(defaultValue = "1") int page) {
        Repository repository = allowlist.repository(repo);
        int perPage = Paging.limit(limit, MAX_RUNS);
        int wanted = Paging.page(page);
        if (status != null && !STATUSES.contains(status)) {
            throw ErrorCode.STATUS_INVALID.refusal("A run status is one of " + String.join(", ", STATUSES.stream().sorted().toList()) + ".");
        }
        if (workflow != null) {
            WorkflowId.check(workflow);
        }
        Runs runs = github.call(GithubPermission.ACTIONS_READ, workflow == null ? "runs in " + repository : "workflow " + workflow + " in " + repository,
                () -> workflow == null
                        ? github.api().runs(repository.owner(), repository.name(), branch, status, null, null, perPage, wanted)
                        : github.api().workflowRuns(repository.owner(), repository.name(), workflow, branch, status, null, null, perPage, wanted));
        return new RunList(repository.toString(), runs.workflowRuns().stream().map(Summaries::run).toList(), wanted,
                (long) wanted * perPage < runs.totalCount(), runs.totalCount());
    }

    @Get("/{runId}")
    @Secured(Scopes.WORKFLOWS_READ)
    @Operation(operationId = "getRun", summary = "Follow a run",
            description = "Shows a workflow run with its jobs: status, conclusion and duration of each, and the steps of jobs that did not succeed.",
            security = @SecurityRequirement(name = "oauth2", scopes = Scopes.WORKFLOWS_READ))
    RunDetail getRun(@Parameter(description = "The run's id.") @PathVariable long runId,
                     @Parameter(description = "Repository as owner/name.") @QueryValue String repo) {
        Repository repository = allowlist.repository(repo);
        String what = "run " + runId + " in " + repository;
        Run run = github.call(GithubPermission.ACTIONS_READ, what, () -> github.api().run(repository.owner(), repository.name(), runId));
        Jobs jobs = github.call(GithubPermission.ACTIONS_READ, what,
                () -> github.api().jobs(repository.owner(), repository.name(), runId, "latest", MAX_JOBS, 1));
        return new RunDetail(repository.toString(), Summaries.run(run), Summaries.jobs(jobs.jobs(), STEP_BUDGET),
                jobs.totalCount() > jobs.jobs().size());
    }

    @Post("/{runId}/cancel")
    @Secured(Scopes.WORKFLOWS_TRIGGER)
    @Operation(operationId = "cancelRun", summary = "Cancel a run",
            description = "Asks GitHub to cancel a queued or running workflow run.",
            security = @SecurityRequirement(name = "oauth2", scopes = Scopes.WORKFLOWS_TRIGGER),
            extensions = @Extension(properties = @ExtensionProperty(name = "x-openai-isConsequential", value = "true", parseValue = true)))
    RunAction cancelRun(@Parameter(description = "The run's id.") @PathVariable long runId,
                        @Parameter(description = "Repository as owner/name.") @QueryValue String repo, Authentication who) {
        Repository repository = allowlist.repository(repo);
        return mutations.run(who, "cancelRun", repository, Long.toString(runId), Map.of(), () -> {
            github.call(GithubPermission.ACTIONS_WRITE, "run " + runId + " in " + repository,
                    () -> github.api().cancel(repository.owner(), repository.name(), runId));
            return new RunAction(repository.toString(), runId, "cancel", "GitHub is cancelling run " + runId + "; follow it with getRun.");
        }, action -> "cancel requested");
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
                       Authentication who) {
        Repository repository = allowlist.repository(repo);
        return mutations.run(who, "rerunRun", repository, Long.toString(runId), Map.of("failedJobsOnly", Boolean.toString(failedJobsOnly)), () -> {
            github.call(GithubPermission.ACTIONS_WRITE, "run " + runId + " in " + repository, () -> failedJobsOnly
                    ? github.api().rerunFailedJobs(repository.owner(), repository.name(), runId, new Rerun(false))
                    : github.api().rerun(repository.owner(), repository.name(), runId, new Rerun(false)));
            return new RunAction(repository.toString(), runId, failedJobsOnly ? "rerun failed jobs" : "rerun",
                    "GitHub is starting a new attempt of run " + runId + (failedJobsOnly ? " for its failed jobs" : "") + "; follow it with getRun.");
        }, action -> action.action() + " requested");
    }
}
