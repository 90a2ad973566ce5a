/**
 * The admin page at {@code /admin}: a server-rendered view of everyone's usage, the refusals and the audit
 * trail, for people whose sign-in grants {@code admin}. People sign in through the team's provider as
 * ActionGate's own client, with PKCE and a state bound to the browser by a sealed cookie; the session is a
 * sealed, short-lived cookie, so nothing is stored. Served by the API function (it reads the usage table),
 * never by the bridge. Imports {@code config}, {@code web}, {@code security}, {@code upstream},
 * {@code usage} and {@code oauth.sealing}.
 */
@Configuration
@Requires(property = FunctionRole.PROPERTY, notEquals = "oauth")
package dev.actiongate.admin;

import dev.actiongate.config.FunctionRole;
import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;

