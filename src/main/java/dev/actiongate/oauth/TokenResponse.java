package dev.actiongate.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** RFC 6749 §5.1 success body, in the shape ChatGPT needs (integer {@code expires_in}). */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
record TokenResponse(@JsonProperty("access_token") String accessToken,
                     @JsonProperty("token_type") String tokenType,
                     @JsonProperty("expires_in") @Nullable Long expiresIn,
                     @JsonProperty("refresh_token") @Nullable String refreshToken,
                     @Nullable String scope) {
}
