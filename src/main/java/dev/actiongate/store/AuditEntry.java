package dev.actiongate.store;

import java.time.Instant;
import java.util.Map;

/**
 * One mutating call, as the audit trail keeps it: who made it, what it did to which target with which
 * inputs, how it ended, and until when the record is kept.
 *
 * @param id     tells apart two records of the same instant
 * @param face   the face the call came through ({@code gpt}, {@code mcp})
 * @param status the HTTP status the person got (what the REST face would have answered)
 * @param result a short outcome, e.g. "run 123 started" or the error code
 */
public record AuditEntry(Instant at, String id, String face, String subject, String email, String operation, String repository, String target,
                         Map<String, String> inputs, int status, String result, Instant expiresAt) {
}
