package dev.actiongate.devops.github;

import dev.actiongate.config.GithubSettings;
import dev.actiongate.devops.Answers.DeploymentItem;
import dev.actiongate.devops.Answers.DeploymentList;
import dev.actiongate.devops.Answers.RunDetail;
import dev.actiongate.devops.Answers.RunItem;
import dev.actiongate.devops.Answers.WorkflowItem;
import dev.actiongate.devops.CiProvider;
import dev.actiongate.devops.Repository;
import dev.actiongate.devops.github.GithubModels.Deployment;
import dev.actiongate.devops.github.GithubModels.DeploymentStatus;
import dev.actiongate.devops.github.GithubModels.Dispatch;
import dev.actiongate.devops.github.GithubModels.DispatchedRun;
import dev.actiongate.devops.github.GithubModels.Jobs;
import dev.actiongate.devops.github.GithubModels.Rerun;
import dev.actiongate.devops.github.GithubModels.Run;
import dev.actiongate.devops.github.GithubModels.Runs;
import dev.actiongate.devops.github.GithubModels.Workflows;
import dev.actiongate.web.ErrorCode;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** GitHub Actions and deployments as the operations' CI system, through the REST API. */
@Singleton
final class GithubActions implements CiProvider {

    /**
     * Each deployment's status is one more GitHub request: at most this many per answer (so a call costs
     * at most 11 of the hour's requests everyone shares), this many at a time.
     */
    static final int MAX_STATUS_LOOKUPS = 10;
    private static final int PARALLEL_LOOKUPS = 4;

    private final Github github;
    private final RunLocator runs;
    private final LogDownload download;
    private final int logMaxBytes;
    private final Clock clock;

    GithubActions(Github github, RunLocator runs, LogDownload download, GithubSettings settings, Clock clock) {
        this.github = github;
        this.runs = runs;
        this.download = download;
        this.logMaxBytes = settings.logMaxBytes();
        this.clock = clock;
    }

    @Override
    public Page<WorkflowItem> workflows(Repository repository, int perPage, int page) {
        Workflows workflows = github.call(GithubPermission.ACTIONS_READ, "workflows in " + repository,
                () -> github.api().workflows(repository.owner(), repository.name(), perPage, page));
        return new Page<>(workflows.workflows().stream().map(Summaries::workflow).toList(),
                (long) page * perPage < workflows.totalCount(), workflows.totalCount());
    }

    /** With {@code return_run_details} GitHub names the run; older GitHub Enterprise Server answers 204, and the run is looked for. */
    @Override
    public Optional<StartedRun> dispatch(Repository repository, String workflow, String ref, Map<String, String> inputs) {
        Instant dispatchedAt = clock.instant();
        HttpResponse<DispatchedRun> answer = github.call(GithubPermission.ACTIONS_WRITE, "workflow " + workflow + " in " + repository,
                () -> github.api().dispatch(repository.owner(), repository.name(), workflow, new Dispatch(ref, inputs, true)));
        Optional<DispatchedRun> reported = answer.getBody();
        if (reported.isPresent() && reported.get().workflowRunId() > 0) {
            return Optional.of(new StartedRun(reported.get().workflowRunId(), reported.get().htmlUrl()));
        }
        return runs.find(repository, workflow, ref, dispatchedAt).map(run -> new StartedRun(run.id(), run.htmlUrl()));
    }

    @Override
    public Page<RunItem> runs(Repository repository, RunFilter filter, int perPage, int page) {
        String workflow = filter.workflow();
        Runs found = github.call(GithubPermission.ACTIONS_READ, workflow == null ? "runs in " + repository : "workflow " + workflow + " in " + repository,
                () -> workflow == null
                        ? github.api().runs(repository.owner(), repository.name(), filter.branch(), filter.status(), null, null, perPage, page)
                        : github.api().workflowRuns(repository.owner(), repository.name(), workflow, filter.branch(), filter.status(), null, null,
                        perPage, page));
        return new Page<>(found.workflowRuns().stream().map(Summaries::run).toList(), (long) page * perPage < found.totalCount(),
                found.totalCount());
    }

    @Override
    public RunDetail run(Repository repository, long runId, int maxJobs, int stepBudget) {
        String what = "run " + runId + " in " + repository;
        Run run = github.call(GithubPermission.ACTIONS_READ, what, () -> github.api().run(repository.owner(), repository.name(), runId));
        Jobs jobs = github.call(GithubPermission.ACTIONS_READ, what,
                () -> github.api().jobs(repository.owner(), repository.name(), runId, "latest", maxJobs, 1));
        return new RunDetail(repository.toString(), Summaries.run(run), Summaries.jobs(jobs.jobs(), stepBudget),
                jobs.totalCount() > jobs.jobs().size());
    }

    @Override
    public void cancel(Repository repository, long runId) {
        github.call(GithubPermission.ACTIONS_WRITE, "run " + runId + " in " + repository,
                () -> github.api().cancel(repository.owner(), repository.name(), runId));
    }

    @Override
    public void rerun(Repository repository, long runId, boolean failedJobsOnly) {
        github.call(GithubPermission.ACTIONS_WRITE, "run " + runId + " in " + repository, () -> failedJobsOnly
                ? github.api().rerunFailedJobs(repository.owner(), repository.name(), runId, new Rerun(false))
                : github.api().rerun(repository.owner(), repository.name(), runId, new Rerun(false)));
    }

    @Override
    public DeploymentList deployments(Repository repository, String environment, int perPage, int page) {
        HttpResponse<List<Deployment>> deployments = github.call(GithubPermission.DEPLOYMENTS_READ, "deployments in " + repository,
                () -> github.api().deployments(repository.owner(), repository.name(), environment, perPage, page));
        List<Deployment> shown = deployments.getBody().orElse(List.of()).stream().limit(perPage).toList();
        List<DeploymentItem> items = new ArrayList<>(withLatestStatus(repository, shown));
        int looked = items.size();
        shown.stream().skip(looked).map(deployment -> Summaries.deployment(deployment, null)).forEach(items::add);
        // GitHub's Link header names the next page when there is one.
        String link = deployments.getHeaders().get("Link");
        return new DeploymentList(repository.toString(), environment, items, page, link != null && link.contains("rel=\"next\""),
                note(looked, shown.size()));
    }

    @Override
    public List<Job> jobs(Repository repository, long runId, int maxJobs) {
        return github.call(GithubPermission.ACTIONS_READ, "run " + runId + " in " + repository,
                        () -> github.api().jobs(repository.owner(), repository.name(), runId, "latest", maxJobs, 1)).jobs().stream()
                .map(job -> new Job(job.id(), job.name(), job.conclusion(), job.htmlUrl())).toList();
    }

    /** GitHub answers with a redirect to a short-lived download URL, fetched without ActionGate's token. */
    @Override
    public Log log(Repository repository, Job job) {
        HttpResponse<String> redirect = github.call(GithubPermission.ACTIONS_READ, "the log of job " + job.id() + " in " + repository,
                () -> github.api().jobLogs(repository.owner(), repository.name(), job.id()));
        String location = redirect.getHeaders().get(HttpHeaders.LOCATION);
        if (redirect.getStatus().getCode() / 100 != 3 || location == null) {
            throw ErrorCode.GITHUB_UNAVAILABLE.refusal("GitHub did not say where the log of job " + job.name() + " is.");
        }
        return download.fetch(URI.create(location));
    }

    @Override
    public String logCap() {
        return logMaxBytes % (1024 * 1024) == 0 ? logMaxBytes / (1024 * 1024) + " MB" : logMaxBytes / 1024 + " KB";
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
        } catch (ExecutionException e) {
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
