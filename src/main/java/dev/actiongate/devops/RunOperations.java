package dev.actiongate.devops;

import dev.actiongate.devops.Answers.RunAction;
import dev.actiongate.devops.Answers.RunDetail;
import dev.actiongate.devops.Answers.RunList;
import dev.actiongate.security.Caller;
import dev.actiongate.web.ErrorCode;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Set;

/** {@code listRuns}, {@code getRun}, {@code cancelRun} and {@code rerunRun}. */
@Singleton
public final class RunOperations {

    public static final int MAX_RUNS = 30;
    static final int MAX_JOBS = 50;
    static final int STEP_BUDGET = 150;
    public static final Set<String> STATUSES = Set.of("completed", "action_required", "cancelled", "failure", "neutral", "skipped",
            "stale", "success", "timed_out", "in_progress", "queued", "requested", "waiting", "pending");

    private final CiProvider ci;
    private final RepositoryAllowlist allowlist;
    private final MutatingCalls mutations;

    RunOperations(CiProvider ci, RepositoryAllowlist allowlist, MutatingCalls mutations) {
        this.ci = ci;
        this.allowlist = allowlist;
        this.mutations = mutations;
    }

    public RunList listRuns(Caller caller, String repo, String workflow, String branch, String status, int limit, int page) {
        Repository repository = allowlist.repository(repo);
        int perPage = Paging.limit(limit, MAX_RUNS);
        int wanted = Paging.page(page);
        if (status != null && !STATUSES.contains(status)) {
            throw ErrorCode.STATUS_INVALID.refusal("A run status is one of " + String.join(", ", STATUSES.stream().sorted().toList()) + ".");
        }
        if (workflow != null) {
            WorkflowId.check(workflow);
        }
        CiProvider.Page<Answers.RunItem> runs = ci.runs(repository, new CiProvider.RunFilter(workflow, branch, status), perPage, wanted);
        return new RunList(repository.toString(), runs.items(), wanted, runs.hasMore(), runs.totalCount());
    }

    public RunDetail getRun(Caller caller, long runId, String repo) {
        return ci.run(allowlist.repository(repo), runId, MAX_JOBS, STEP_BUDGET);
    }

    public RunAction cancelRun(Caller caller, long runId, String repo) {
        Repository repository = allowlist.repository(repo);
        return mutations.run(caller, new MutatingCalls.Subject("cancelRun", repository, Long.toString(runId), null, Map.of()), () -> {
            ci.cancel(repository, runId);
            return new RunAction(repository.toString(), runId, "cancel", "GitHub is cancelling run " + runId + "; follow it with getRun.");
        }, action -> new MutatingCalls.Outcome("cancel requested", null));
    }

    public RunAction rerunRun(Caller caller, long runId, String repo, boolean failedJobsOnly) {
        Repository repository = allowlist.repository(repo);
        return mutations.run(caller, new MutatingCalls.Subject("rerunRun", repository, Long.toString(runId), null,
                Map.of("failedJobsOnly", Boolean.toString(failedJobsOnly))), () -> {
            ci.rerun(repository, runId, failedJobsOnly);
            return new RunAction(repository.toString(), runId, failedJobsOnly ? "rerun failed jobs" : "rerun",
                    "GitHub is starting a new attempt of run " + runId + (failedJobsOnly ? " for its failed jobs" : "") + "; follow it with getRun.");
        }, action -> new MutatingCalls.Outcome(action.action() + " requested", runId)); // a new attempt of the same run
    }
}
