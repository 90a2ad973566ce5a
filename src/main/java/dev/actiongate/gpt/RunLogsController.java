package dev.actiongate.gpt;

import dev.actiongate.devops.Answers.RunLogs;
import dev.actiongate.devops.LogOperations;
import dev.actiongate.security.Caller;
import dev.actiongate.security.Scopes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code getRunLogs} on the GPT's REST face. */
@Tag(name = ApiDocumentDefinition.LOGS)
@Controller("/api/runs/{runId}/logs")
@ExecuteOn(TaskExecutors.BLOCKING)
final class RunLogsController {

    private final LogOperations logs;

    RunLogsController(LogOperations logs) {
        this.logs = logs;
    }

    @Get
    @Secured(Scopes.LOGS_READ)
    @Operation(operationId = "getRunLogs", summary = "Read a job's log",
            description = "Returns the last lines of a job's log as plain text (the first failed job unless one is named), with a cursor to read the lines before; of a very long log only the end ActionGate keeps can be read.",
            security = @SecurityRequirement(name = "oauth2", scopes = Scopes.LOGS_READ))
    RunLogs getRunLogs(@Parameter(description = "The run's id.") @PathVariable long runId,
                       @Parameter(description = "Repository as owner/name.") @QueryValue String repo,
                       @Parameter(description = "Job name or id; default: the first failed job, else the last job.") @QueryValue @Nullable String job,
                       @Parameter(description = "How many lines from the end, 1 to 5000.", schema = @Schema(type = "integer", minimum = "1", maximum = "" + LogOperations.MAX_TAIL, defaultValue = "200")) @QueryValue(defaultValue = "200") int tail,
                       @Parameter(description = "nextCursor of an earlier answer, to read the lines before it.") @QueryValue @Nullable String cursor,
                       @Parameter(hidden = true) Caller caller) {
        return logs.getRunLogs(caller, runId, repo, job, tail, cursor);
    }
}
