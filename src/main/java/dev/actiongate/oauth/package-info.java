/**
 * The OAuth bridge: an assistant signs a person in through the team's identity provider, on the API's own
 * domain. One small class per step ({@code /authorize}, the callback, each {@code /token} grant), sealed
 * state and codes instead of stored sessions, replay answers and single-use claims on the {@code store}
 * ports. Its beans exist only where the bridge runs (OAuthFunction, the local server), so the API
 * function neither needs nor loads the bridge's secrets. Imports {@code config}, {@code web},
 * {@code security}, {@code upstream} and {@code store}.
 */
@Configuration
@Requires(property = FunctionRole.PROPERTY, notEquals = "api")
package dev.actiongate.oauth;

import dev.actiongate.config.FunctionRole;
import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;

