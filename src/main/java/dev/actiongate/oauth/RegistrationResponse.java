package dev.actiongate.oauth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** RFC 7591 §3.2.1: the client information response. */
@Serdeable
record RegistrationResponse(
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_id_issued_at") long clientIdIssuedAt,
        @JsonProperty("client_id_expires_at") long clientIdExpiresAt,
        @JsonProperty("client_name") @Nullable String clientName,
        @JsonProperty("redirect_uris") List<String> redirectUris,
        @JsonProperty("grant_types") List<String> grantTypes,
        @JsonProperty("response_types") List<String> responseTypes,
        @JsonProperty("token_endpoint_auth_method") String tokenEndpointAuthMethod) {
}
