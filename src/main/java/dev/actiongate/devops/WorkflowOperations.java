package dev.actiongate.devops;

import dev.actiongate.devops.Answers.TriggeredRun;
import dev.actiongate.devops.Answers.WorkflowList;
import dev.actiongate.security.Caller;
import dev.actiongate.web.ErrorCode;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code listWorkflows} and {@code triggerWorkflow}: the workflows of an allowed repository, and starting one. */
@Singleton
public final class WorkflowOperations {

    static final int PAGE_SIZE = 50;
    public static final int MAX_INPUTS = 25;

    private final CiProvider ci;
    private final RepositoryAllowlist allowlist;
    private final MutatingCalls mutations;

    WorkflowOperations(CiProvider ci, RepositoryAllowlist allowlist, MutatingCalls mutations) {
        this.ci = ci;
        this.allowlist = allowlist;
        this.mutations = mutations;
    }

    public WorkflowList listWorkflows(Caller caller, String repo, int page) {
        Repository repository = allowlist.repository(repo);
        int wanted = Paging.page(page);
        CiProvider.Page<Answers.WorkflowItem> workflows = ci.workflows(repository, PAGE_SIZE, wanted);
        return new WorkflowList(repository.toString(), workflows.items(), wanted, workflows.hasMore());
    }

    /**
     * Starts a workflow_dispatch run; the answer has no run id when the CI system accepted the trigger but
     * has not shown the run yet (the REST face answers that with 202). Audited, whatever the outcome.
     */
    public TriggeredRun triggerWorkflow(Caller caller, String workflow, String repo, String ref, Map<String, String> inputs) {
        Repository repository = allowlist.repository(repo);
        WorkflowId.check(workflow);
        allowlist.triggerable(repository, workflow);
        String branch = ref == null ? "" : ref.trim();
        if (!branch.matches("[A-Za-z0-9._/-]{1,255}")) {
            throw ErrorCode.REF_INVALID.refusal();
        }
        allowlist.triggerableOn(branch);
        Map<String, String> given = inputs == null ? Map.of() : new LinkedHashMap<>(inputs);
        if (given.size() > MAX_INPUTS) {
            throw ErrorCode.INPUTS_INVALID.refusal();
        }
        // The ref is kept apart from the inputs, so a workflow input named "ref" is recorded as given.
        return mutations.run(caller, new MutatingCalls.Subject("triggerWorkflow", repository, workflow, branch, given),
                () -> started(repository, workflow, branch, ci.dispatch(repository, workflow, branch, given)),
                run -> new MutatingCalls.Outcome(run.runId() == null ? "dispatched, run not seen yet" : "run " + run.runId() + " started",
                        run.runId()));
    }

    private static TriggeredRun started(Repository repository, String workflow, String ref, Optional<CiProvider.StartedRun> run) {
        return run.map(started -> new TriggeredRun(repository.toString(), workflow, ref, started.id(), started.url(),
                        "Started run " + started.id() + " of " + workflow + " on " + ref + "."))
                .orElseGet(() -> new TriggeredRun(repository.toString(), workflow, ref, null, null,
                        "GitHub accepted the trigger but has not shown the run yet; list the runs of " + workflow + " in a moment."));
    }
}
