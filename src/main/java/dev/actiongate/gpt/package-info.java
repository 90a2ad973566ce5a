/**
 * The GPT Action's face: the REST controllers of {@code /api} (each parses, calls one operation, answers),
 * their metering filter, the OpenAPI document a GPT imports and the privacy page. Nothing depends on it.
 * Only where the API runs (ApiFunction, the local server).
 */
@Configuration
@Requires(property = FunctionRole.PROPERTY, notEquals = "oauth")
package dev.actiongate.gpt;

import dev.actiongate.config.FunctionRole;
import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;

