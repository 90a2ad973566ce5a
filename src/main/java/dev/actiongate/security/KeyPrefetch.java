package dev.actiongate.security;

import com.nimbusds.jose.JOSEException;
import dev.actiongate.upstream.IdentityProviderUnavailableException;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.crac.OrderedResource;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.crac.Context;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads discovery and the key set while the function starts, outside any request, and again when a
 * SnapStart snapshot is restored (its cached keys have expired by then, and the first request should
 * not wait for them). An identity provider that does not answer yet is not fatal: the first request
 * tries again.
 */
@Singleton
final class KeyPrefetch implements OrderedResource {

    private static final Logger LOG = LoggerFactory.getLogger(KeyPrefetch.class);

    private final IssuerKeys keys;
    private volatile Thread loading;

    KeyPrefetch(IssuerKeys keys) {
        this.keys = keys;
    }

    /** In the background: the download overlaps the rest of start-up instead of adding to it. */
    @EventListener
    void onStartup(StartupEvent event) {
        loading = Thread.ofVirtual().name("key-prefetch").start(this::load);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws InterruptedException {
        // the snapshot must hold the keys
        Thread started = loading;
        if (started != null) {
            started.join();
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        load();
    }

    private void load() {
        try {
            keys.prefetch();
        } catch (IdentityProviderUnavailableException | JOSEException e) {
            LOG.warn("Identity provider keys not loaded at start-up, the first request will retry: {}", e.getMessage());
        }
    }
}
