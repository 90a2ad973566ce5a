package dev.actiongate.oauth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** RFC 8414 §2, with RFC 9207 §3 and the Client ID Metadata Document's flag (draft-ietf-oauth-client-id-metadata-document §5). */
@Serdeable
record AuthorizationServerMetadata(
        String issuer,
        @JsonProperty("authorization_endpoint") String authorizationEndpoint,
        @JsonProperty("token_endpoint") String tokenEndpoint,
        @JsonProperty("registration_endpoint") @Nullable String registrationEndpoint,
        @JsonProperty("response_types_supported") List<String> responseTypesSupported,
        @JsonProperty("grant_types_supported") List<String> grantTypesSupported,
        @JsonProperty("token_endpoint_auth_methods_supported") List<String> tokenEndpointAuthMethodsSupported,
        @JsonProperty("code_challenge_methods_supported") List<String> codeChallengeMethodsSupported,
        @JsonProperty("scopes_supported") List<String> scopesSupported,
        @JsonProperty("service_documentation") String serviceDocumentation,
        @JsonProperty("client_id_metadata_document_supported") boolean clientIdMetadataDocumentSupported,
        @JsonProperty("authorization_response_iss_parameter_supported") boolean authorizationResponseIssParameterSupported) {
}
