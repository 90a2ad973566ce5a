package dev.actiongate.store;

import java.time.Instant;
import java.util.Map;

/**
 * One mutating call, as the audit trail keeps it: who made it, what it did to which target with which
 * inputs, how it ended, and until when the record is kept.
 *
 * @param id           tells apart two records of the same instant
 * @param face         the face the call came through ({@code gpt}, {@code mcp})
 * @param target       the workflow a trigger named, or the run a cancel or re-run named
 * @param ref          the branch or tag a trigger ran on; null where none applies, and in records written before it was kept apart
 * @param status       the HTTP status the person got (what the REST face would have answered)
 * @param result       a short outcome, e.g. "run 123 started" or the error code
 * @param startedRunId the run the call started, when one is known; null in records written before it was kept
 */
public record AuditEntry(Instant at, String id, String face, String subject, String email, String operation, String repository, String target,
                         String ref, Map<String, String> inputs, int status, String result, Long startedRunId, Instant expiresAt) {
}
