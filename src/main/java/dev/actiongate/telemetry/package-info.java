/**
 * What ActionGate tells its operators: the catalogue of metrics ({@link dev.actiongate.telemetry.Metric}),
 * their emission as CloudWatch Embedded Metric Format, the structured JSON log lines, one access-log line
 * per request and one per OAuth step. Imports {@code config} only.
 */
package dev.actiongate.telemetry;
