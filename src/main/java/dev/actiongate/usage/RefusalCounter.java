package dev.actiongate.usage;

import dev.actiongate.config.FunctionRole;
import dev.actiongate.security.Refused;
import dev.actiongate.store.Refusal;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import jakarta.inject.Singleton;

/** Counts the API's 401 and 403 refusals by reason, for the admin page; the bridge's own refusals are its metrics'. */
@Singleton
@Requires(property = FunctionRole.PROPERTY, notEquals = "oauth")
final class RefusalCounter implements ApplicationEventListener<Refused> {

    private final UsageMeter meter;

    RefusalCounter(UsageMeter meter) {
        this.meter = meter;
    }

    @Override
    public void onApplicationEvent(Refused event) {
        Refusal.of(event.status(), event.reason()).ifPresent(meter::refused);
    }
}
