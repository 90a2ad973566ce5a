package dev.actiongate.usage;

import dev.actiongate.store.AuditEntry;

import java.time.Instant;

/**
 * A {@code listAuditEvents} question once checked: the filters (null where none) and the range.
 *
 * @param person a {@code sub}, or an e-mail address when it holds an {@code @}
 */
record AuditFilters(String repo, String person, String operation, String outcome, Instant from, Instant to) {

    boolean namesAnEmail() {
        return person != null && person.contains("@");
    }

    /** Whether the record answers the question; a person matches by sub, or by e-mail in any case. */
    boolean matches(AuditEntry entry) {
        return (repo == null || repo.equalsIgnoreCase(entry.repository()))
                && (operation == null || operation.equals(entry.operation()))
                && (outcome == null || outcome.equals(outcome(entry.status())))
                && (person == null || person.equals(entry.subject()) || person.equalsIgnoreCase(entry.email() == null ? "" : entry.email()));
    }

    /** What the person got: ok, refused (a 4xx: their call was turned down) or failed (a 5xx). */
    static String outcome(int status) {
        return status < 400 ? "ok" : status < 500 ? "refused" : "failed";
    }

    /** The same question without its person: the reader's own records need no person to match. */
    AuditFilters anyPerson() {
        return new AuditFilters(repo, null, operation, outcome, from, to);
    }
}
