package dev.actiongate.store;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/** The audit trail's records. Every method may throw {@link StoreUnavailableException}. */
public interface AuditStore {

    void record(AuditEntry entry);

    /**
     * Records from {@code from} to {@code to}, newest first: one person's, or everyone's when {@code subject} is null.
     * Reads at most {@code examine} records and stops at {@code limit} that match; the page's {@link Page#resume}
     * says where to go on.
     *
     * @param resume an earlier page's {@link Page#resume}, to read the records older than it; null to start at {@code to}
     */
    Page newest(String subject, Instant from, Instant to, String resume, Predicate<AuditEntry> matches, int limit, int examine);

    /** A record found, and where a page that ends with it goes on. */
    record Found(AuditEntry entry, String position) {
    }

    /**
     * @param resume where reading goes on (older records than every one looked at), opaque to the caller;
     *               null when every record of the range has been looked at
     */
    record Page(List<Found> found, String resume) {
    }

    /** A position that is none this store hands out. */
    final class UnknownPositionException extends IllegalArgumentException {
        public UnknownPositionException() {
            super("not a position of the audit trail");
        }
    }
}
