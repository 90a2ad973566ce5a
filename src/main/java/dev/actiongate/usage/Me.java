package dev.actiongate.usage;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

@Serdeable
@Schema(description = "The person the access token belongs to.")
public record Me(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The identity provider's stable user id (sub).") String subject,
        @Schema(description = "E-mail address, when the token carries one.") @Nullable String email,
        @Schema(description = "Display name, when the token carries one.") @Nullable String name,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The identity provider that issued the token.") String issuer,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The OAuth scopes granted to this sign-in.") @JsonInclude(JsonInclude.Include.ALWAYS) List<String> scopes,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "When this sign-in expires.") Instant expiresAt,
        @Schema(description = "Today's calls against the daily quota; absent when usage cannot be read.") @Nullable Quota quota) {

    @Serdeable
    @Schema(description = "Today's (UTC) use of the daily quota.")
    public record Quota(String tier, @Schema(description = "Calls per day; absent when unlimited.") @Nullable Integer dailyLimit,
                        long usedToday, @Nullable Long remainingToday) {
    }
}
