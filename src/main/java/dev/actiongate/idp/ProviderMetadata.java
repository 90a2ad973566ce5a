package dev.actiongate.idp;

import java.net.URI;
import java.util.Optional;

/**
 * What ActionGate needs to know about the upstream OpenID provider, from its discovery document
 * (OpenID Connect Discovery 1.0 §3) or from explicit settings.
 */
public record ProviderMetadata(String issuer, URI jwksUri, Optional<URI> authorizationEndpoint,
                               Optional<URI> tokenEndpoint) {
}
