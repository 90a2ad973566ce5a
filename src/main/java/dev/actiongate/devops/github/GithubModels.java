package dev.actiongate.devops.github;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The parts of GitHub's REST API answers that ActionGate reads; everything else is ignored. */
public final class GithubModels {

    private GithubModels() {
    }

    @Serdeable
    public record Account(String login) {
    }

    @Serdeable
    public record Workflow(long id, String name, String path, String state, @JsonProperty("html_url") @Nullable String htmlUrl) {
    }

    @Serdeable
    public record Workflows(@JsonProperty("total_count") int totalCount, List<Workflow> workflows) {
    }

    @Serdeable
    public record Run(long id, @Nullable String name, @JsonProperty("display_title") @Nullable String displayTitle,
                      @JsonProperty("workflow_id") long workflowId, @Nullable String path,
                      @JsonProperty("head_branch") @Nullable String headBranch, @JsonProperty("head_sha") @Nullable String headSha,
                      @Nullable String event, @Nullable String status, @Nullable String conclusion,
                      @JsonProperty("run_number") long runNumber, @JsonProperty("run_attempt") int runAttempt,
                      @JsonProperty("html_url") @Nullable String htmlUrl,
                      @JsonProperty("created_at") @Nullable Instant createdAt, @JsonProperty("updated_at") @Nullable Instant updatedAt,
                      @JsonProperty("run_started_at") @Nullable Instant runStartedAt,
                      @Nullable Account actor, @JsonProperty("triggering_actor") @Nullable Account triggeringActor) {
    }

    @Serdeable
    public record Runs(@JsonProperty("total_count") int totalCount, @JsonProperty("workflow_runs") List<Run> workflowRuns) {
    }

    @Serdeable
    public record Step(String name, @Nullable String status, @Nullable String conclusion, int number,
                       @JsonProperty("started_at") @Nullable Instant startedAt,
                       @JsonProperty("completed_at") @Nullable Instant completedAt) {
    }

    @Serdeable
    public record Job(long id, String name, @Nullable String status, @Nullable String conclusion,
                      @JsonProperty("started_at") @Nullable Instant startedAt,
                      @JsonProperty("completed_at") @Nullable Instant completedAt,
                      @JsonProperty("html_url") @Nullable String htmlUrl, @Nullable List<Step> steps) {
    }

    @Serdeable
    public record Jobs(@JsonProperty("total_count") int totalCount, List<Job> jobs) {
    }

    @Serdeable
    public record Deployment(long id, @Nullable String sha, @Nullable String ref, @Nullable String task,
                             @Nullable String environment, @Nullable String description, @Nullable Account creator,
                             @JsonProperty("created_at") @Nullable Instant createdAt,
                             @JsonProperty("updated_at") @Nullable Instant updatedAt) {
    }

    @Serdeable
    public record DeploymentStatus(String state, @Nullable String description,
                                   @JsonProperty("environment_url") @Nullable String environmentUrl,
                                   @JsonProperty("log_url") @Nullable String logUrl,
                                   @JsonProperty("created_at") @Nullable Instant createdAt) {
    }

    /** The body of a workflow dispatch; {@code return_run_details} asks for the run it starts. */
    @Serdeable
    public record Dispatch(String ref, Map<String, String> inputs, @JsonProperty("return_run_details") boolean returnRunDetails) {
    }

    /** GitHub's answer to a dispatch with {@code return_run_details}. */
    @Serdeable
    public record DispatchedRun(@JsonProperty("workflow_run_id") long workflowRunId, @JsonProperty("run_url") @Nullable String runUrl,
                                @JsonProperty("html_url") @Nullable String htmlUrl) {
    }

    @Serdeable
    public record Rerun(@JsonProperty("enable_debug_logging") boolean enableDebugLogging) {
    }
}
