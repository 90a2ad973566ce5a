package dev.actiongate.gpt;

import dev.actiongate.security.Caller;
import dev.actiongate.security.Scopes;
import dev.actiongate.usage.AuditEvents;
import dev.actiongate.usage.AuditOperations;
import dev.actiongate.usage.AuditQuery;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code listAuditEvents}: a person's own audited calls; with the admin scope, everyone's. */
@Tag(name = ApiDocumentDefinition.USAGE)
@Controller("/api/audit")
@ExecuteOn(TaskExecutors.BLOCKING)
final class AuditController {

    private final AuditOperations audit;

    AuditController(AuditOperations audit) {
        this.audit = audit;
    }

    @Get
    @Secured(Scopes.ANALYTICS_READ)
    @Operation(operationId = "listAuditEvents", summary = "Who triggered, cancelled or re-ran what",
            description = "Lists audited calls (workflow triggers, run cancels and re-runs) newest first, by repository, person, operation, outcome "
                    + "and time (at most 92 days): your own, or everyone's with the admin scope.",
            security = @SecurityRequirement(name = "oauth2", scopes = Scopes.ANALYTICS_READ))
    AuditEvents listAuditEvents(@Parameter(description = "Only calls on this repository, as owner/name.") @QueryValue @Nullable String repo,
                                @Parameter(description = "Only this person's calls: their sub or e-mail address. Without the admin scope only your own.") @QueryValue @Nullable String person,
                                @Parameter(description = "Only this operation.", schema = @Schema(type = "string", allowableValues = {"triggerWorkflow", "cancelRun", "rerunRun"})) @QueryValue @Nullable String operation,
                                @Parameter(description = "Only calls that ended so: ok, refused (turned down, e.g. not allowed) or failed (ActionGate or GitHub failed).", schema = @Schema(type = "string", allowableValues = {"ok", "refused", "failed"})) @QueryValue @Nullable String outcome,
                                @Parameter(description = "Earliest time: a UTC day (2026-11-25, from its start) or a time (2026-11-25T14:00:00Z); default 7 days before to.") @QueryValue @Nullable String from,
                                @Parameter(description = "Latest time: a UTC day (until its end) or a time; default now. At most 92 days after from.") @QueryValue @Nullable String to,
                                @Parameter(description = "How many events, 1 to 50.", schema = @Schema(type = "integer", minimum = "1", maximum = "" + AuditOperations.MAX_EVENTS, defaultValue = "" + AuditQuery.DEFAULT_LIMIT)) @QueryValue(defaultValue = "" + AuditQuery.DEFAULT_LIMIT) int limit,
                                @Parameter(description = "nextCursor of an earlier answer, for older events; it keeps that answer's filters.") @QueryValue @Nullable String cursor,
                                @Parameter(hidden = true) Caller caller) {
        return audit.listAuditEvents(caller, new AuditQuery(repo, person, operation, outcome, from, to, limit, cursor));
    }
}
