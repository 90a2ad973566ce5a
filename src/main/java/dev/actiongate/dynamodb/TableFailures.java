package dev.actiongate.dynamodb;

import dev.actiongate.store.StoreUnavailableException;
import dev.actiongate.telemetry.Metric;
import dev.actiongate.telemetry.Metrics;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * A table call that failed, as every store reports it: {@link Metric#TABLE_FAILURE} by store, one WARN line per
 * call that reached (or tried to reach) the table, and the {@link StoreUnavailableException} each caller handles.
 * A call the open breaker skipped is counted but not logged: {@link TableBreaker} logs its opening once.
 */
@Singleton
final class TableFailures {

    /** The {@code Store} dimension's values. */
    enum Store {
        USAGE, AUDIT, REPLAY, CALLBACK, REFRESH;

        String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(TableFailures.class);

    private final Metrics metrics;

    TableFailures(Metrics metrics) {
        this.metrics = metrics;
    }

    StoreUnavailableException unavailable(Store store, SdkException e) {
        metrics.count(Metric.TABLE_FAILURE, store.value());
        if (!TableBreaker.skipped(e)) {
            // The exception's class only: its message can name the table's key, which holds a person's subject.
            LOG.atWarn().addKeyValue("store", store.value()).addKeyValue("error", e.getClass().getSimpleName()).log("DynamoDB call failed");
        }
        return new StoreUnavailableException(e.getClass().getSimpleName());
    }
}
