package dev.actiongate.devops.github;

import dev.actiongate.devops.github.GithubModels.Deployment;
import dev.actiongate.devops.github.GithubModels.DeploymentStatus;
import dev.actiongate.devops.github.GithubModels.Dispatch;
import dev.actiongate.devops.github.GithubModels.DispatchedRun;
import dev.actiongate.devops.github.GithubModels.Jobs;
import dev.actiongate.devops.github.GithubModels.Rerun;
import dev.actiongate.devops.github.GithubModels.Run;
import dev.actiongate.devops.github.GithubModels.Runs;
import dev.actiongate.devops.github.GithubModels.Workflows;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.client.annotation.Client;

import java.util.List;

/**
 * GitHub's REST API for Actions and deployments, as the declarative client calls it. Authorization,
 * the pinned API version and the base URL come from {@link GithubRequestFilter} and configuration.
 */
@Client(id = GithubApi.SERVICE)
@Header(name = "Accept", value = "application/vnd.github+json")
public interface GithubApi {

    String SERVICE = "github";

    /** Who the token acts as; GitHub App installation tokens have no user and get 403. */
    @Get("/user")
    GithubModels.Account user();

    @Get("/repos/{owner}/{repo}/actions/workflows{?per_page,page}")
    Workflows workflows(String owner, String repo, @QueryValue("per_page") int perPage, int page);

    @Post("/repos/{owner}/{repo}/actions/workflows/{workflow}/dispatches")
    HttpResponse<DispatchedRun> dispatch(String owner, String repo, String workflow, @Body Dispatch dispatch);

    @Get("/repos/{owner}/{repo}/actions/runs{?branch,status,event,created,per_page,page}")
    Runs runs(String owner, String repo, @Nullable String branch, @Nullable String status, @Nullable String event,
              @Nullable String created, @QueryValue("per_page") int perPage, int page);

    @Get("/repos/{owner}/{repo}/actions/workflows/{workflow}/runs{?branch,status,event,created,per_page,page}")
    Runs workflowRuns(String owner, String repo, String workflow, @Nullable String branch, @Nullable String status,
                      @Nullable String event, @Nullable String created, @QueryValue("per_page") int perPage, int page);

    @Get("/repos/{owner}/{repo}/actions/runs/{runId}")
    Run run(String owner, String repo, long runId);

    @Get("/repos/{owner}/{repo}/actions/runs/{runId}/jobs{?filter,per_page,page}")
    Jobs jobs(String owner, String repo, long runId, String filter, @QueryValue("per_page") int perPage, int page);

    @Post("/repos/{owner}/{repo}/actions/runs/{runId}/cancel")
    HttpResponse<String> cancel(String owner, String repo, long runId);

    @Post("/repos/{owner}/{repo}/actions/runs/{runId}/rerun")
    HttpResponse<String> rerun(String owner, String repo, long runId, @Body Rerun rerun);

    @Post("/repos/{owner}/{repo}/actions/runs/{runId}/rerun-failed-jobs")
    HttpResponse<String> rerunFailedJobs(String owner, String repo, long runId, @Body Rerun rerun);

    /** Answers 302 to a short-lived download URL of the job's plain-text log. */
    @Get("/repos/{owner}/{repo}/actions/jobs/{jobId}/logs")
    HttpResponse<String> jobLogs(String owner, String repo, long jobId);

    @Get("/repos/{owner}/{repo}/deployments{?environment,per_page,page}")
    HttpResponse<List<Deployment>> deployments(String owner, String repo, @Nullable String environment, @QueryValue("per_page") int perPage, int page);

    @Get("/repos/{owner}/{repo}/deployments/{deploymentId}/statuses{?per_page}")
    List<DeploymentStatus> deploymentStatuses(String owner, String repo, long deploymentId, @QueryValue("per_page") int perPage);
}
