package dev.actiongate.usage;

/**
 * What {@code listAuditEvents} is asked, as the caller gave it (every filter may be null): checked and
 * read by {@link AuditOperations}, so every face asks the same way.
 *
 * @param repo      owner/name
 * @param person    a person's {@code sub}, or their e-mail address
 * @param operation triggerWorkflow, cancelRun or rerunRun
 * @param outcome   ok, refused or failed
 * @param from      the earliest time, as a UTC day (2026-11-25) or an instant (2026-11-25T14:00:00Z); default 7 days before {@code to}
 * @param to        the latest time, as a day (its end) or an instant; default now
 * @param limit     how many events, 1 to {@link AuditOperations#MAX_EVENTS}
 * @param cursor    an earlier answer's {@code nextCursor}; it carries that answer's filters and range
 */
public record AuditQuery(String repo, String person, String operation, String outcome, String from, String to, int limit, String cursor) {

    public static final int DEFAULT_LIMIT = 20;

    /** Everything in the default range, newest first. */
    public static AuditQuery newest(int limit) {
        return new AuditQuery(null, null, null, null, null, null, limit, null);
    }
}
