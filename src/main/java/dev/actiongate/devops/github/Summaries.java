package dev.actiongate.devops.github;

import dev.actiongate.devops.Answers.DeploymentItem;
import dev.actiongate.devops.Answers.DeploymentState;
import dev.actiongate.devops.Answers.JobItem;
import dev.actiongate.devops.Answers.RunItem;
import dev.actiongate.devops.Answers.StepItem;
import dev.actiongate.devops.Answers.WorkflowItem;
import dev.actiongate.devops.github.GithubModels.Account;
import dev.actiongate.devops.github.GithubModels.Deployment;
import dev.actiongate.devops.github.GithubModels.DeploymentStatus;
import dev.actiongate.devops.github.GithubModels.Job;
import dev.actiongate.devops.github.GithubModels.Run;
import dev.actiongate.devops.github.GithubModels.Step;
import dev.actiongate.devops.github.GithubModels.Workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** GitHub's answers cut down to what a person asks about. */
final class Summaries {

    /** Conclusions that need no step-by-step account. */
    private static final Set<String> UNREMARKABLE = Set.of("success", "skipped", "neutral");

    private Summaries() {
    }

    static WorkflowItem workflow(Workflow workflow) {
        String path = workflow.path() == null ? "" : workflow.path();
        return new WorkflowItem(workflow.id(), workflow.name(), path.substring(path.lastIndexOf('/') + 1), workflow.state(), workflow.htmlUrl());
    }

    static RunItem run(Run run) {
        return new RunItem(run.id(), run.name(), run.displayTitle(), run.headBranch(), run.event(), run.status(), run.conclusion(),
                run.runNumber(), run.runAttempt(), login(run.triggeringActor() != null ? run.triggeringActor() : run.actor()),
                run.createdAt(), run.updatedAt(), run.htmlUrl());
    }

    /** Steps are listed only for jobs that did not simply succeed, and at most {@code stepBudget} of them in all. */
    static List<JobItem> jobs(List<Job> jobs, int stepBudget) {
        int[] budget = {stepBudget};
        return jobs.stream().map(job -> {
            List<Step> steps = job.steps() == null ? List.of() : job.steps();
            List<StepItem> listed = null;
            if (!UNREMARKABLE.contains(String.valueOf(job.conclusion())) && budget[0] > 0) {
                listed = steps.stream().limit(budget[0]).map(step -> new StepItem(step.number(), step.name(), step.status(),
                        step.conclusion(), seconds(step.startedAt(), step.completedAt()))).toList();
                budget[0] -= listed.size();
            }
            return new JobItem(job.id(), job.name(), job.status(), job.conclusion(), job.startedAt(), job.completedAt(),
                    seconds(job.startedAt(), job.completedAt()), steps.size(), listed, job.htmlUrl());
        }).toList();
    }

    static DeploymentItem deployment(Deployment deployment, DeploymentStatus latest) {
        String sha = deployment.sha() == null ? null : deployment.sha().substring(0, Math.min(12, deployment.sha().length()));
        DeploymentState state = latest == null ? null : new DeploymentState(latest.state(), latest.description(),
                latest.environmentUrl(), latest.logUrl(), latest.createdAt());
        return new DeploymentItem(deployment.id(), deployment.environment(), deployment.ref(), sha, deployment.description(),
                login(deployment.creator()), deployment.createdAt(), state);
    }

    private static Long seconds(Instant start, Instant end) {
        return start == null || end == null ? null : Duration.between(start, end).toSeconds();
    }

    private static String login(Account account) {
        return account == null ? null : account.login();
    }
}
