package dev.actiongate.usage;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One page of the audit trail, newest first. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Audited calls (triggers, cancels, re-runs) between two times, newest first.")
public record AuditEvents(Instant from, Instant to,
                          @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "True when everyone's calls are searched (admin scope), false for your own only.") boolean everyone,
                          List<Event> events,
                          @Schema(description = "Pass as cursor for older events; absent when there are none.") @Nullable String nextCursor,
                          @Schema(description = "Present when this page holds fewer events than asked though older ones may match, saying why.") @Nullable String note) {

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "One audited call: when, who, what on which target, and how it ended.")
    public record Event(Instant at, String subject, @Nullable String email,
                        @Schema(description = "gpt or mcp: the face the call came through.") String face,
                        @Schema(description = "triggerWorkflow, cancelRun or rerunRun.") String operation,
                        String repo,
                        @Schema(description = "The workflow triggered.") @Nullable String workflow,
                        @Schema(description = "The run cancelled or re-run.") @Nullable Long runId,
                        @Schema(description = "The branch or tag a trigger ran on.") @Nullable String ref,
                        @Schema(description = "What the call was given: a trigger's workflow inputs, a re-run's options. Values longer than 200 characters are cut.") @Nullable Map<String, String> inputs,
                        @Schema(description = "ok, refused (the person's call was turned down) or failed (ActionGate or GitHub failed).") String outcome,
                        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The HTTP status the call was answered with.") int status,
                        @Schema(description = "What happened, e.g. run 123 started, or the error code.") String result,
                        @Schema(description = "The run the call started (a re-run's new attempt has its run's id).") @Nullable Long startedRunId) {
    }
}
