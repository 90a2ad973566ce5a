package dev.actiongate.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/** RFC 6749 §5.2 error body. */
@Serdeable
public record OAuthError(String error, @JsonProperty("error_description") String errorDescription) {
}
