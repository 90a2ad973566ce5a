/**
 * Usage, quotas and the audit trail, for every face: metering with the daily quota, the getMe and getUsage
 * operations, the audit records of mutating calls and the listAuditEvents operation that reads them. Works on
 * the {@code store} ports; knows nothing of HTTP.
 */
package dev.actiongate.usage;
