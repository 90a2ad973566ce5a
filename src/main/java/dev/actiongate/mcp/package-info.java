/**
 * The MCP face: the same operations as MCP tools at {@code POST /mcp} (Streamable HTTP, stateless, JSON
 * answers only), on the official MCP Java SDK's stateless server with a Micronaut controller as its
 * transport. Tools are made from the operations' API description and call the same services, with the same
 * scopes, quotas and audit as the REST face. Only where the API runs (ApiFunction, the local server).
 */
@Configuration
@Requires(property = FunctionRole.PROPERTY, notEquals = "oauth")
package dev.actiongate.mcp;

import dev.actiongate.config.FunctionRole;
import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;

