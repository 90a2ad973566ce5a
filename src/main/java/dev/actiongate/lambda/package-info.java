/**
 * The Lambda handler both functions run: API Gateway's payload v2 through Micronaut, secrets from SSM at a
 * cold start, SnapStart priming, one-line start-up failures, and what the API Gateway adapter loses (the raw
 * query string, unreadable headers, cookies both ways). The only package that sees Lambda's types.
 */
package dev.actiongate.lambda;
