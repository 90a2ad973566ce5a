package dev.actiongate.oauth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** RFC 9728 §2: what a client needs to know to call the API. */
@Serdeable
record ProtectedResourceMetadata(
        String resource,
        @JsonProperty("resource_name") String resourceName,
        @JsonProperty("authorization_servers") List<String> authorizationServers,
        @JsonProperty("scopes_supported") List<String> scopesSupported,
        @JsonProperty("bearer_methods_supported") List<String> bearerMethodsSupported,
        @JsonProperty("resource_documentation") String resourceDocumentation,
        @JsonProperty("resource_policy_uri") String resourcePolicyUri) {
}
