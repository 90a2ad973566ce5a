/**
 * What ActionGate remembers, as ports: usage counters and quotas, the audit trail, the bridge's replay
 * answers and single-use claims. The core (usage, oauth) depends on these interfaces only; the DynamoDB
 * adapter ({@code dynamodb}) implements them and alone knows the table's layout and the AWS SDK.
 * Imports nothing of ActionGate.
 */
package dev.actiongate.store;
