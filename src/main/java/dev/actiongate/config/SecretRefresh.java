package dev.actiongate.config;

import io.micronaut.core.order.Ordered;
import io.micronaut.crac.OrderedResource;
import jakarta.inject.Singleton;
import org.crac.Context;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * SnapStart: a snapshot keeps the secrets read when the version was published. A copy restored later
 * than {@code actiongate.ssm.max-age} after that reads them again (a rotated secret then applies
 * without a deploy); if they cannot be read, the snapshot's secrets stay in use and the failure is logged.
 */
@Singleton
final class SecretRefresh implements OrderedResource {

    private static final Logger LOG = LoggerFactory.getLogger(SecretRefresh.class);

    private final Secrets secrets;
    private final SsmSettings ssm;
    private final SecretSource source;
    private final Clock clock;
    private volatile Instant loadedAt;

    SecretRefresh(Secrets secrets, SsmSettings ssm, SecretSource source, Clock clock) {
        this.secrets = secrets;
        this.ssm = ssm;
        this.source = source;
        this.clock = clock;
        this.loadedAt = clock.instant();
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        // nothing to release: the secrets are what the snapshot should hold
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        ssm.path().ifPresent(path -> {
            if (Duration.between(loadedAt, clock.instant()).compareTo(ssm.maxAge()) > 0) {
                refresh(path);
            }
        });
    }

    void refresh(String path) {
        try {
            secrets.replace(source.load(path));
        } catch (RuntimeException e) {
            LOG.warn("Secrets not refreshed after restore, the snapshot's stay in use: {}", e.getClass().getSimpleName());
            return;
        }
        loadedAt = clock.instant();
        LOG.info("Secrets refreshed from {} after restore", path);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
