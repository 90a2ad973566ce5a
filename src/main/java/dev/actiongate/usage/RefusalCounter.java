package dev.actiongate.usage;

import dev.actiongate.config.FunctionRole;
import dev.actiongate.security.Refused;
import dev.actiongate.store.Refusal;
import dev.actiongate.telemetry.Metrics;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import jakarta.inject.Singleton;

/** Counts the API's 401 and 403 refusals by reason, for the admin page; the bridge's own refusals are its metrics'. */
@Singleton
@Requires(property = FunctionRole.PROPERTY, notEquals = "oauth")
final class RefusalCounter implements ApplicationEventListener<Refused> {

    private final UsageMeter meter;
    private final Metrics metrics;

    RefusalCounter(UsageMeter meter, Metrics metrics) {
        this.meter = meter;
        this.metrics = metrics;
    }

    /** SnapStart's priming requests are refused on purpose (their token cannot verify): they count as nothing, as in the metrics. */
    @Override
    public void onApplicationEvent(Refused event) {
        if (!metrics.muted()) {
            Refusal.of(event.status(), event.reason()).ifPresent(meter::refused);
        }
    }
}
