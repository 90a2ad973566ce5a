package dev.actiongate.devops;

import dev.actiongate.devops.Answers.DeploymentList;
import dev.actiongate.devops.Answers.RunDetail;
import dev.actiongate.devops.Answers.RunItem;
import dev.actiongate.devops.Answers.WorkflowItem;
import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CI system the operations act on (GitHub Actions today, in {@code devops.github}). Its adapter owns
 * the wire: the client, its models, paging, the shared request budget and how every failure reads to a
 * person; failures arrive as refusals of the error catalogue. The operations decide what may be asked
 * (allowlists, bounds) and keep the audit trail.
 */
public interface CiProvider {

    /** One page of something, and whether another follows. */
    record Page<T>(List<T> items, boolean hasMore, int totalCount) {
    }

    /** The run a trigger started, as far as the CI system has shown it. */
    record StartedRun(long id, @Nullable String url) {
    }

    /** Which runs to list; null means any. */
    record RunFilter(@Nullable String workflow, @Nullable String branch, @Nullable String status) {
    }

    /** A job of a run, as far as its log is concerned. */
    record Job(long id, String name, @Nullable String conclusion, @Nullable String url) {
    }

    /**
     * The end of a job's log the adapter kept.
     *
     * @param firstLine the line number, in the whole log, of the first line of {@code text}
     */
    record Log(String text, int firstLine) {
    }

    Page<WorkflowItem> workflows(Repository repository, int perPage, int page);

    /** Starts a run; empty when the CI system accepted the trigger but has not shown the run yet. */
    Optional<StartedRun> dispatch(Repository repository, String workflow, String ref, Map<String, String> inputs);

    Page<RunItem> runs(Repository repository, RunFilter filter, int perPage, int page);

    /** A run with at most {@code maxJobs} jobs, listing at most {@code stepBudget} steps of the jobs that did not succeed. */
    RunDetail run(Repository repository, long runId, int maxJobs, int stepBudget);

    void cancel(Repository repository, long runId);

    void rerun(Repository repository, long runId, boolean failedJobsOnly);

    /** Deployments, newest first, the first with their latest status as far as the adapter's budget allows. */
    DeploymentList deployments(Repository repository, @Nullable String environment, int perPage, int page);

    List<Job> jobs(Repository repository, long runId, int maxJobs);

    /** The end of a job's log, at most the adapter's byte cap. */
    Log log(Repository repository, Job job);

    /** The most of a log {@link #log} keeps, for the person's sentence when a cursor reaches before it. */
    String logCap();
}
