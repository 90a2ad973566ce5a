package dev.actiongate.devops;

import dev.actiongate.web.ApiException;
import dev.actiongate.web.ErrorCode;
import dev.actiongate.devops.Answers.DeploymentItem;
import dev.actiongate.devops.Answers.DeploymentList;
import dev.actiongate.devops.github.Github;
import dev.actiongate.devops.github.GithubModels.Deployment;
import dev.actiongate.devops.github.GithubModels.DeploymentStatus;
import dev.actiongate.devops.github.GithubPermission;
import dev.actiongate.security.Scopes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.propagation.PropagatedContext;
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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Deployments of an allowed repository, the newest with their latest status. */
@Controller("/api/deployments")
@ExecuteOn(TaskExecutors.BLOCKING)
final class DeploymentsController {

    static final int MAX_DEPLOYMENTS = 20;
    /**
     * Each deployment's status is one more GitHub request: at most this many per answer (so a call costs
     * at most 11 of the hour's requests everyone shares), this many at a time.
     */
    static final int MAX_STATUS_LOOKUPS = 10;
    private static final int PARALLEL_LOOKUPS = 4;

    private final Github github;
    private final RepositoryAllowlist allowlist;

    DeploymentsController(Github github, RepositoryAllowlist allowlist) {
        this.github = github;
        this.allowlist = allowlist;
    }

    @Get
    @Secured(Scopes.DEPLOYMENTS_READ)
    @Operation(operationId = "listDeployments", summary = "List deployments",
            description = "Lists recent deployments of a repository, newest first, optionally of one environment, with the latest status of up to 10 of them (fewer when GitHub's shared budget runs low; note says so).",
            security = @SecurityRequirement(name = "oauth2", scopes = Scopes.DEPLOYMENTS_READ))
    DeploymentList listDeployments(@Parameter(description = "Repository as owner/name.") @QueryValue String repo,
                                   @Parameter(description = "Environment, e.g. production.") @QueryValue @Nullable String environment,
                                   @Parameter(description = "How many deployments, 1 to 20; the latest status is looked up for the first 10.") @QueryValue(defaultValue = "10") int limit,
                                   @Parameter(description = "Page, from 1.") @QueryValue(defaultValue = "1") int page) {
        Repository repository = allowlist.repository(repo);
        int perPage = Paging.limit(limit, MAX_DEPLOYMENTS);
        int wanted = Paging.page(page);
        if (environment != null && !environment.matches("[\\x20-\\x7E]{1,255}")) {
            throw ErrorCode.ENVIRONMENT_INVALID.refusal("Name the environment as GitHub shows it, e.g. production.");
        }
        String what = "deployments in " + repository;
        HttpResponse<List<Deployment>> deployments = github.call(GithubPermission.DEPLOYMENTS_READ, what,
                () -> github.api().deployments(repository.owner(), repository.name(), environment, perPage, wanted));
        List<Deployment> shown = deployments.getBody().orElse(List.of()).stream().limit(perPage).toList();
        List<DeploymentItem> items = new ArrayList<>(withLatestStatus(repository, shown));
        int looked = items.size();
        shown.stream().skip(looked).map(deployment -> Summaries.deployment(deployment, null)).forEach(items::add);
        // GitHub's Link header names the next page when there is one.
        String link = deployments.getHeaders().get("Link");
        return new DeploymentList(repository.toString(), environment, items, wanted, link != null && link.contains("rel=\"next\""),
                note(looked, shown.size()));
    }

    /**
     * The first {@link #MAX_STATUS_LOOKUPS} with their latest status, a few looked up side by side (one
     * request each), up to the first one that would find GitHub's requests under the reserve.
     */
    private List<DeploymentItem> withLatestStatus(Repository repository, List<Deployment> deployments) {
        List<Deployment> looked = deployments.stream().limit(MAX_STATUS_LOOKUPS).toList();
        if (looked.isEmpty()) {
            return List.of();
        }
        List<DeploymentItem> items = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(Math.min(PARALLEL_LOOKUPS, looked.size()), Thread.ofVirtual().factory())) {
            // The request being served goes along, so that these GitHub requests count for the caller.
            PropagatedContext context = PropagatedContext.getOrEmpty();
            List<Future<DeploymentItem>> lookups = looked.stream()
                    .map(deployment -> threads.submit(context.wrap((Callable<DeploymentItem>) () -> latestStatus(repository, deployment))))
                    .toList();
            for (Future<DeploymentItem> lookup : lookups) {
                DeploymentItem item = join(lookup);
                if (item == null) {
                    lookups.forEach(rest -> rest.cancel(false));
                    break;
                }
                items.add(item);
            }
        }
        return items;
    }

    /** Null when GitHub's requests left are under the reserve: the lookup is not made. */
    private DeploymentItem latestStatus(Repository repository, Deployment deployment) {
        if (!github.readsAllowed()) {
            return null;
        }
        List<DeploymentStatus> statuses = github.call(GithubPermission.DEPLOYMENTS_READ, "deployment " + deployment.id() + " in " + repository,
                () -> github.api().deploymentStatuses(repository.owner(), repository.name(), deployment.id(), 1));
        return Summaries.deployment(deployment, statuses.isEmpty() ? null : statuses.getFirst());
    }

    private static String note(int looked, int shown) {
        if (looked == shown) {
            return null;
        }
        if (looked < Math.min(shown, MAX_STATUS_LOOKUPS)) {
            return "The latest status is shown for " + looked + " of these " + shown + " deployments: ActionGate's GitHub requests for "
                    + "this hour, shared by everyone, are nearly used up, so the rest were not looked up; try again after the hour.";
        }
        return "The latest status is shown for the first " + MAX_STATUS_LOOKUPS + " of these " + shown + " deployments only, to spare "
                + "GitHub's hourly limit that everyone shares; ask for " + MAX_STATUS_LOOKUPS + " at a time to see each with its status.";
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
