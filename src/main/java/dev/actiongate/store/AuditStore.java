package dev.actiongate.store;

/** The audit trail's records. {@link #record} may throw {@link StoreUnavailableException}. */
public interface AuditStore {

    void record(AuditEntry entry);
}
