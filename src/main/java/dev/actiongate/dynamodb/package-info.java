/**
 * The DynamoDB adapter of the {@code store} ports: the client, its per-call budgets and circuit breaker, and
 * the one table's layout ({@link dev.actiongate.dynamodb.TableLayout}). With {@code ssm}, the only package that
 * uses the AWS SDK; nothing depends on it but the dependency injection.
 */
package dev.actiongate.dynamodb;
