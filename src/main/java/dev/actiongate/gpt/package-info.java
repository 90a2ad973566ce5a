/**
 * The GPT Action's face: the REST controllers of {@code /api} (each parses, calls one operation, answers),
 * their metering filter, the OpenAPI document a GPT imports and the privacy page. Nothing depends on it.
 */
package dev.actiongate.gpt;
