package dev.actiongate.devops;

import dev.actiongate.api.ApiException;
import dev.actiongate.devops.Answers.DeploymentItem;
import dev.actiongate.devops.Answers.DeploymentList;
import dev.actiongate.devops.github.Github;
import dev.actiongate.devops.github.GithubModels.Deployment;
import dev.actiongate.devops.github.GithubModels.DeploymentStatus;
import dev.actiongate.devops.github.GithubPermission;
import dev.actiongate.security.Scopes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Deployments of an allowed repository, each with its latest status. */
@Controller("/api/deployments")
@ExecuteOn(TaskExecutors.BLOCKING)
final class DeploymentsController {

    static final int MAX_DEPLOYMENTS = 20;

    private final Github github;
    private final RepositoryAllowlist allowlist;

    DeploymentsController(Github github, RepositoryAllowlist allowlist) {
        this.github = github;
        this.allowlist = allowlist;
    }

    @Get
    @Secured(Scopes.DEPLOYMENTS_READ)
    @Operation(operationId = "listDeployments", summary = "List deployments",
            description = "Lists recent deployments of a repository, newest first, optionally of one environment, each with its latest status.",
            security = @SecurityRequirement(name = "oauth2", scopes = Scopes.DEPLOYMENTS_READ))
    DeploymentList listDeployments(@Parameter(description = "Repository as owner/name.") @QueryValue String repo,
                                   @Parameter(description = "Environment, e.g. production.") @QueryValue @Nullable String environment,
                                   @Parameter(description = "How many deployments, 1 to 20.") @QueryValue(defaultValue = "10") int limit,
                                   @Parameter(description = "Page, from 1.") @QueryValue(defaultValue = "1") int page) {
        Repository repository = allowlist.repository(repo);
        int perPage = Paging.limit(limit, MAX_DEPLOYMENTS);
        int wanted = Paging.page(page);
        if (environment != null && !environment.matches("[\\x20-\\x7E]{1,255}")) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "environment_invalid", "Name the environment as GitHub shows it, e.g. production.");
        }
        String what = "deployments in " + repository;
        HttpResponse<List<Deployment>> deployments = github.call(GithubPermission.DEPLOYMENTS_READ, what,
                () -> github.api().deployments(repository.owner(), repository.name(), environment, perPage, wanted));
        List<Deployment> shown = deployments.getBody().orElse(List.of()).stream().limit(perPage).toList();
        // GitHub's Link header names the next page when there is one.
        String link = deployments.getHeaders().get("Link");
        return new DeploymentList(repository.toString(), environment, withLatestStatus(repository, shown), wanted,
                link != null && link.contains("rel=\"next\""));
    }

    /** The latest status of each, fetched side by side: one request per deployment. */
    private List<DeploymentItem> withLatestStatus(Repository repository, List<Deployment> deployments) {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<DeploymentItem>> items = deployments.stream().map(deployment -> threads.submit(() -> {
                List<DeploymentStatus> statuses = github.call(GithubPermission.DEPLOYMENTS_READ, "deployment " + deployment.id() + " in " + repository,
                        () -> github.api().deploymentStatuses(repository.owner(), repository.name(), deployment.id(), 1));
                return Summaries.deployment(deployment, statuses.isEmpty() ? null : statuses.getFirst());
            })).toList();
            return items.stream().map(DeploymentsController::join).toList();
        }
    }

    private static DeploymentItem join(Future<DeploymentItem> item) {
        try {
            return item.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
