package dev.actiongate.usage;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

/** Usage between two days, grouped, one page of groups at a time. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Metered calls between two UTC days, grouped by day, operation, user or face (gpt, mcp).")
public record UsageReport(LocalDate from, LocalDate to, String groupBy,
                          @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "True when the report covers every user (admin scope), false for your own calls only.") boolean everyone,
                          long totalCalls, List<Group> groups,
                          @Schema(description = "Pass as cursor for the next page of groups; absent on the last page.") @Nullable String nextCursor) {

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "One group: a day, an operation, a user or a face. Outcomes, latency and GitHub requests are not kept per operation or face.")
    public record Group(String key, long calls, @Nullable Long ok, @Nullable Long clientErrors, @Nullable Long serverErrors,
                        @Nullable @Schema(description = "Calls refused because the daily quota was used up.") Long refused,
                        @Nullable Long averageLatencyMs,
                        @Nullable @Schema(description = "Requests these calls made to GitHub, whose hourly limit everyone shares; absent when none.") Long githubRequests) {
    }
}
