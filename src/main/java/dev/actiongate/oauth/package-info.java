/**
 * The OAuth bridge: ChatGPT signs a person in through the team's identity provider, on the API's own
 * domain. Its beans exist only where the bridge runs (OAuthFunction, the local server), so the API
 * function neither needs nor loads the bridge's secrets.
 */
@Configuration
@Requires(property = FunctionRole.PROPERTY, notEquals = "api")
package dev.actiongate.oauth;

import dev.actiongate.config.FunctionRole;
import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;

