package dev.actiongate.devops;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the DevOps operations answer: compact, bounded shapes made for a GPT to read. */
public final class Answers {

    private Answers() {
    }

    @Serdeable
    @Schema(description = "A workflow of the repository.")
    public record WorkflowItem(long id, String name, @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Workflow file, usable as {workflow} when triggering.") String file,
                               String state, @Nullable String url) {
    }

    @Serdeable
    @Schema(description = "One page of a repository's workflows.")
    public record WorkflowList(String repo, List<WorkflowItem> workflows, int page, boolean hasMore) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "A workflow run.")
    public record RunItem(long id, @Nullable String workflow, @Nullable String title, @Nullable String branch, @Nullable String event,
                          @Schema(description = "queued, in_progress or completed.") @Nullable String status,
                          @Schema(description = "success, failure, cancelled, ... once completed.") @Nullable String conclusion,
                          long runNumber, int attempt, @Nullable String actor, @Nullable Instant createdAt, @Nullable Instant updatedAt,
                          @Nullable String url) {
    }

    @Serdeable
    @Schema(description = "One page of workflow runs, newest first.")
    public record RunList(String repo, List<RunItem> runs, int page, boolean hasMore, int totalCount) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StepItem(int number, String name, @Nullable String status, @Nullable String conclusion, @Nullable Long seconds) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "A job of the run; steps are listed for jobs that did not succeed.")
    public record JobItem(long id, String name, @Nullable String status, @Nullable String conclusion, @Nullable Instant startedAt,
                          @Nullable Instant completedAt, @Nullable Long seconds, int stepCount, @Nullable List<StepItem> steps,
                          @Nullable String url) {
    }

    @Serdeable
    @Schema(description = "A workflow run with its jobs.")
    public record RunDetail(String repo, RunItem run, List<JobItem> jobs, boolean moreJobs) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "The latest status of a deployment.")
    public record DeploymentState(String state, @Nullable String description, @Nullable String environmentUrl,
                                  @Nullable String logUrl, @Nullable Instant at) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeploymentItem(long id, @Nullable String environment, @Nullable String ref, @Nullable String sha,
                                 @Nullable String description, @Nullable String creator, @Nullable Instant createdAt,
                                 @Nullable DeploymentState latest) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "One page of deployments, newest first, the first 10 with their latest status.")
    public record DeploymentList(String repo, @Nullable String environment, List<DeploymentItem> deployments, int page, boolean hasMore,
                                 @Schema(description = "Present when some deployments' latest status was not looked up, saying why.") @Nullable String note) {
    }

    @Serdeable
    @Schema(description = "What to start: the branch or tag, and the workflow's inputs.")
    public record TriggerRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "owner/name") String repo,
                                 @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Branch or tag to run on, e.g. main.") String ref,
                                 @Schema(description = "The workflow_dispatch inputs, by name.") @Nullable Map<String, String> inputs) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "The run a trigger started, when GitHub has shown it.")
    public record TriggeredRun(String repo, String workflow, String ref, @Nullable Long runId, @Nullable String url, String message) {
    }

    @Serdeable
    @Schema(description = "What was asked of GitHub for a run.")
    public record RunAction(String repo, long runId, String action, String message) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "The end of a job's log as plain text, newest lines last.")
    public record RunLogs(String repo, long runId, long jobId, String job, @Nullable String jobConclusion,
                          @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "First line of text, counting from 1.") int fromLine,
                          @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Last line of text.") int toLine,
                          int totalLines,
                          @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "True when fewer lines than asked were returned to stay within the size limit.") boolean truncated,
                          @Schema(description = "Pass as cursor to read the lines before these; absent at the start of what can be read.") @Nullable String nextCursor,
                          @Schema(description = "Present when the log is longer than ActionGate reads: the first line it has; earlier ones are only on GitHub.") @Nullable Integer firstReadableLine,
                          String text) {
    }
}
