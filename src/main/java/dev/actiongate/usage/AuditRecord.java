package dev.actiongate.usage;

import java.util.Map;

/**
 * One mutating call: who made it, what it did to which target with which inputs, and how it ended.
 *
 * @param face         the face the call came through ({@code gpt}, {@code mcp})
 * @param target       the workflow a trigger names, or the run a cancel or re-run names
 * @param ref          the branch or tag a trigger runs on; null where none applies
 * @param inputs       what else the call was given (a trigger's workflow inputs, a re-run's options)
 * @param status       the HTTP status the person got
 * @param result       a short outcome, e.g. "run 123 started" or the error code
 * @param startedRunId the run the call started, when one is known
 */
public record AuditRecord(String face, String subject, String email, String operation, String repository, String target,
                          String ref, Map<String, String> inputs, int status, String result, Long startedRunId) {
}
