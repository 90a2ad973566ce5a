package dev.actiongate.mcp;

import dev.actiongate.devops.DeploymentOperations;
import dev.actiongate.devops.LogOperations;
import dev.actiongate.devops.RunOperations;
import dev.actiongate.devops.WorkflowOperations;
import dev.actiongate.security.Caller;
import dev.actiongate.usage.AuditOperations;
import dev.actiongate.usage.AuditQuery;
import dev.actiongate.usage.UsageMeter;
import dev.actiongate.usage.UsageOperations;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.Set;

/** Each tool calls its operation's service method, exactly as the REST controller for it does. */
@Singleton
final class ToolCalls {

    static final Set<String> OPERATIONS = Set.of("getMe", "getUsage", "listAuditEvents", "listWorkflows", "triggerWorkflow", "listRuns",
            "getRun", "cancelRun", "rerunRun", "listDeployments", "getRunLogs");

    private final UsageOperations usage;
    private final AuditOperations audit;
    private final WorkflowOperations workflows;
    private final RunOperations runs;
    private final DeploymentOperations deployments;
    private final LogOperations logs;

    ToolCalls(UsageOperations usage, AuditOperations audit, WorkflowOperations workflows, RunOperations runs, DeploymentOperations deployments,
              LogOperations logs, ToolCatalog catalog) {
        this.usage = usage;
        this.audit = audit;
        this.workflows = workflows;
        this.runs = runs;
        this.deployments = deployments;
        this.logs = logs;
        catalog.entries().forEach(entry -> {
            if (!OPERATIONS.contains(entry.name())) {
                throw new IllegalStateException("The operation " + entry.name() + " has no MCP tool call in ToolCalls");
            }
        });
    }

    /**
     * @param admission this call's metering, for getMe's count of today
     * @return the operation's answer record
     */
    Object call(String operation, Caller caller, ToolArguments arguments, Optional<UsageMeter.Admission> admission) {
        return switch (operation) {
            case "getMe" -> usage.getMe(caller, admission);
            case "getUsage" -> usage.getUsage(caller, arguments.text("from"), arguments.text("to"), arguments.text("groupBy"),
                    arguments.integer("limit"), arguments.text("cursor"));
            case "listAuditEvents" -> audit.listAuditEvents(caller, new AuditQuery(arguments.text("repo"), arguments.text("person"),
                    arguments.text("operation"), arguments.text("outcome"), arguments.text("from"), arguments.text("to"),
                    arguments.integer("limit"), arguments.text("cursor")));
            case "listWorkflows" -> workflows.listWorkflows(caller, arguments.text("repo"), arguments.integer("page"));
            case "triggerWorkflow" -> workflows.triggerWorkflow(caller, arguments.text("workflow"), arguments.text("repo"),
                    arguments.text("ref"), arguments.texts("inputs"));
            case "listRuns" -> runs.listRuns(caller, arguments.text("repo"), arguments.text("workflow"), arguments.text("branch"),
                    arguments.text("status"), arguments.integer("limit"), arguments.integer("page"));
            case "getRun" -> runs.getRun(caller, arguments.number("runId"), arguments.text("repo"));
            case "cancelRun" -> runs.cancelRun(caller, arguments.number("runId"), arguments.text("repo"));
            case "rerunRun" -> runs.rerunRun(caller, arguments.number("runId"), arguments.text("repo"), arguments.flag("failedJobsOnly"));
            case "listDeployments" -> deployments.listDeployments(caller, arguments.text("repo"), arguments.text("environment"),
                    arguments.integer("limit"), arguments.integer("page"));
            case "getRunLogs" -> logs.getRunLogs(caller, arguments.number("runId"), arguments.text("repo"), arguments.text("job"),
                    arguments.integer("tail"), arguments.text("cursor"));
            default -> throw new IllegalArgumentException("no tool " + operation);
        };
    }
}
