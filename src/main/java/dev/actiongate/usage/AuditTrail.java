package dev.actiongate.usage;

import dev.actiongate.config.UsageSettings;
import dev.actiongate.security.Randomness;
import dev.actiongate.store.AuditEntry;
import dev.actiongate.store.AuditStore;
import dev.actiongate.store.StoreUnavailableException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The audit trail of mutating operations, kept for {@code actiongate.usage.audit-retention}. A write that
 * fails is logged and counted but never turns the operation's answer into an error: the action has
 * already happened at GitHub.
 */
@Singleton
public final class AuditTrail {

    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

    private final AuditStore store;
    private final UsageSettings settings;
    private final Clock clock;
    private final AtomicLong failedWrites = new AtomicLong();

    AuditTrail(AuditStore store, UsageSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    public void record(AuditRecord record) {
        Instant now = clock.instant();
        try {
            store.record(new AuditEntry(now, HexFormat.of().formatHex(Randomness.bytes(4)), record.face(), record.subject(), record.email(),
                    record.operation(), record.repository(), record.target(), record.ref(), record.inputs(), record.status(), record.result(),
                    record.startedRunId(), now.plus(settings.auditRetention())));
        } catch (StoreUnavailableException e) {
            long failures = failedWrites.incrementAndGet();
            // The one trace of a lost audit record, so one line per record (the breaker's lines say why).
            LOG.error("Audit record of {} on {} not written ({}); {} failed so far", record.operation(), record.repository(),
                    e.getMessage(), failures);
        }
    }

    /** Audit writes that failed since start. */
    public long failedWrites() {
        return failedWrites.get();
    }
}
