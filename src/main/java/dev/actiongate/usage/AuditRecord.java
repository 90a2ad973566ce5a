package dev.actiongate.usage;

import java.util.Map;

/**
 * One mutating call: who made it, what it did to which target with which inputs, and how it ended.
 *
 * @param face   the face the call came through ({@code gpt}, {@code mcp})
 * @param status the HTTP status the person got
 * @param result a short outcome, e.g. "run 123 started" or the error code
 */
public record AuditRecord(String face, String subject, String email, String operation, String repository, String target,
                          Map<String, String> inputs, int status, String result) {
}
