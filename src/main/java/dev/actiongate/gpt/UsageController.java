package dev.actiongate.gpt;

import dev.actiongate.security.Caller;
import dev.actiongate.security.Scopes;
import dev.actiongate.usage.UsageOperations;
import dev.actiongate.usage.UsageReport;
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

/** {@code getUsage}: a person's own metered calls; with the admin scope, everyone's. */
@Tag(name = ApiDocumentDefinition.USAGE)
@Controller("/api/usage")
@ExecuteOn(TaskExecutors.BLOCKING)
final class UsageController {

    private final UsageOperations usage;

    UsageController(UsageOperations usage) {
        this.usage = usage;
    }

    @Get
    @Secured(Scopes.ANALYTICS_READ)
    @Operation(operationId = "getUsage", summary = "Usage of ActionGate",
            description = "Counts metered calls between two days, grouped by day, operation or user: your own calls, or everyone's with the admin scope.",
            security = @SecurityRequirement(name = "oauth2", scopes = Scopes.ANALYTICS_READ))
    UsageReport getUsage(@Parameter(description = "First UTC day, YYYY-MM-DD; default 6 days before to.") @QueryValue @Nullable String from,
                         @Parameter(description = "Last UTC day, YYYY-MM-DD; default today.") @QueryValue @Nullable String to,
                         @Parameter(description = "day, operation, user or face (gpt or mcp).", schema = @Schema(type = "string", allowableValues = {"day", "operation", "user", "face"}, defaultValue = "day")) @QueryValue(defaultValue = "day") String groupBy,
                         @Parameter(description = "How many groups per page, 1 to 100.", schema = @Schema(type = "integer", minimum = "1", maximum = "" + UsageOperations.MAX_GROUPS, defaultValue = "31")) @QueryValue(defaultValue = "31") int limit,
                         @Parameter(description = "nextCursor of an earlier answer.") @QueryValue @Nullable String cursor,
                         @Parameter(hidden = true) Caller caller) {
        return usage.getUsage(caller, from, to, groupBy, limit, cursor);
    }
}
