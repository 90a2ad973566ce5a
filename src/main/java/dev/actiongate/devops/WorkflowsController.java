package dev.actiongate.devops;

import dev.actiongate.web.ApiException;
import dev.actiongate.web.ErrorCode;
import dev.actiongate.devops.Answers.TriggerRequest;
import dev.actiongate.devops.Answers.TriggeredRun;
import dev.actiongate.devops.Answers.WorkflowList;
import dev.actiongate.devops.github.Github;
import dev.actiongate.devops.github.GithubModels.Dispatch;
import dev.actiongate.devops.github.GithubModels.DispatchedRun;
import dev.actiongate.devops.github.GithubModels.Run;
import dev.actiongate.devops.github.GithubModels.Workflows;
import dev.actiongate.devops.github.GithubPermission;
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
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Workflows of an allowed repository: list them, and start one. */
@Controller("/api/workflows")
@ExecuteOn(TaskExecutors.BLOCKING)
final class WorkflowsController {

    private static final int PAGE_SIZE = 50;
    private static final int MAX_INPUTS = 25;

    private final Github github;
    private final RepositoryAllowlist allowlist;
    private final RunLocator runs;
    private final MutatingCalls mutations;
    private final Clock clock = Clock.systemUTC();

    WorkflowsController(Github github, RepositoryAllowlist allowlist, RunLocator runs, MutatingCalls mutations) {
        this.github = github;
        this.allowlist = allowlist;
        this.runs = runs;
        this.mutations = mutations;
    }

    @Get
    @Secured(Scopes.WORKFLOWS_READ)
    @Operation(operationId = "listWorkflows", summary = "List workflows",
            description = "Lists the GitHub Actions workflows of a repository, with the file name to use when triggering one.",
            security = @SecurityRequirement(name = "oauth2", scopes = Scopes.WORKFLOWS_READ))
    WorkflowList listWorkflows(@Parameter(description = "Repository as owner/name.") @QueryValue String repo,
                               @Parameter(description = "Page, from 1.") @QueryValue(defaultValue = "1") int page) {
        Repository repository = allowlist.repository(repo);
        int wanted = Paging.page(page);
        Workflows workflows = github.call(GithubPermission.ACTIONS_READ, "workflows in " + repository,
                () -> github.api().workflows(repository.owner(), repository.name(), PAGE_SIZE, wanted));
        return new WorkflowList(repository.toString(), workflows.workflows().stream().map(Summaries::workflow).toList(), wanted,
                (long) wanted * PAGE_SIZE < workflows.totalCount());
    }

    @Post("/{workflow}/dispatches")
    @Secured(Scopes.WORKFLOWS_TRIGGER)
    @Operation(operationId = "triggerWorkflow", summary = "Start a workflow run",
            description = "Starts a workflow_dispatch run on a branch or tag with the given inputs and returns the run it started, to follow with getRun. Only the workflows and refs an admin allowed may be run (else 403, sentence says which).",
            security = @SecurityRequirement(name = "oauth2", scopes = Scopes.WORKFLOWS_TRIGGER),
            extensions = @Extension(properties = @ExtensionProperty(name = "x-openai-isConsequential", value = "true", parseValue = true)))
    HttpResponse<TriggeredRun> triggerWorkflow(@Parameter(description = "Workflow file name (e.g. deploy.yml) or id.") @PathVariable String workflow,
                                               @Body TriggerRequest request, Authentication who) {
        Repository repository = allowlist.repository(request.repo());
        WorkflowId.check(workflow);
        allowlist.triggerable(repository, workflow);
        String ref = request.ref() == null ? "" : request.ref().trim();
        if (!ref.matches("[A-Za-z0-9._/-]{1,255}")) {
            throw ErrorCode.REF_INVALID.refusal("Say which branch or tag to run on, e.g. main.");
        }
        allowlist.triggerableOn(ref);
        Map<String, String> inputs = request.inputs() == null ? Map.of() : new LinkedHashMap<>(request.inputs());
        if (inputs.size() > MAX_INPUTS) {
            throw ErrorCode.INPUTS_INVALID.refusal("A workflow takes at most 25 inputs.");
        }
        Map<String, String> audited = new LinkedHashMap<>(inputs);
        audited.put("ref", ref);
        TriggeredRun started = mutations.run(who, "triggerWorkflow", repository, workflow, audited,
                () -> dispatch(repository, workflow, ref, inputs),
                run -> run.runId() == null ? "dispatched, run not seen yet" : "run " + run.runId() + " started");
        return HttpResponse.status(started.runId() == null ? HttpStatus.ACCEPTED : HttpStatus.OK).body(started);
    }

    private TriggeredRun dispatch(Repository repository, String workflow, String ref, Map<String, String> inputs) {
        Instant dispatchedAt = clock.instant();
        HttpResponse<DispatchedRun> answer = github.call(GithubPermission.ACTIONS_WRITE, "workflow " + workflow + " in " + repository,
                () -> github.api().dispatch(repository.owner(), repository.name(), workflow, new Dispatch(ref, inputs, true)));
        Optional<DispatchedRun> reported = answer.getBody();
        if (reported.isPresent() && reported.get().workflowRunId() > 0) {
            return new TriggeredRun(repository.toString(), workflow, ref, reported.get().workflowRunId(), reported.get().htmlUrl(),
                    "Started run " + reported.get().workflowRunId() + " of " + workflow + " on " + ref + ".");
        }
        Optional<Run> found = runs.find(repository, workflow, ref, dispatchedAt);
        return found.map(run -> new TriggeredRun(repository.toString(), workflow, ref, run.id(), run.htmlUrl(),
                        "Started run " + run.id() + " of " + workflow + " on " + ref + "."))
                .orElseGet(() -> new TriggeredRun(repository.toString(), workflow, ref, null, null,
                        "GitHub accepted the trigger but has not shown the run yet; list the runs of " + workflow + " in a moment."));
    }
}
