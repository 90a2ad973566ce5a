package dev.actiongate.config;

import io.micronaut.context.annotation.Value;
import io.micronaut.crac.OrderedResource;
import io.micronaut.core.order.Ordered;
import jakarta.inject.Singleton;
import org.crac.Context;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * SnapStart: a snapshot keeps the secrets read when the version was published. A copy restored later
 * than {@code actiongate.ssm.max-age} after that reads them again (a rotated secret then applies
 * without a deploy); if SSM cannot be read, the snapshot's secrets stay in use and the failure is logged.
 */
@Singleton
final class SecretRefresh implements OrderedResource {

    private static final Logger LOG = LoggerFactory.getLogger(SecretRefresh.class);

    private final GptSettings gpt;
    private final IdpSettings idp;
    private final StateKeySettings stateKey;
    private final GithubSettings github;
    private final Duration maxAge;
    private final Clock clock;
    private volatile Instant loadedAt;

    SecretRefresh(GptSettings gpt, IdpSettings idp, StateKeySettings stateKey, GithubSettings github,
                  @Value("${actiongate.ssm.max-age:15m}") Duration maxAge, Clock clock) {
        this.gpt = gpt;
        this.idp = idp;
        this.stateKey = stateKey;
        this.github = github;
        this.maxAge = maxAge;
        this.clock = clock;
        this.loadedAt = clock.instant();
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        // nothing to release: the secrets are what the snapshot should hold
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        SsmSecrets.configuredPath().ifPresent(path -> {
            if (Duration.between(loadedAt, clock.instant()).compareTo(maxAge) > 0) {
                refresh(path);
            }
        });
    }

    void refresh(String path) {
        Map<String, Object> secrets;
        try (SsmClient ssm = SsmSecrets.client()) {
            secrets = new SsmSecrets(ssm).load(path);
        } catch (RuntimeException e) {
            LOG.warn("Secrets not refreshed after restore, the snapshot's stay in use: {}", e.getClass().getSimpleName());
            return;
        }
        for (SecretParameter secret : SecretParameter.values()) {
            Object value = secrets.get(secret.property());
            if (value != null) {
                apply(secret, value.toString());
            }
        }
        loadedAt = clock.instant();
        LOG.info("Secrets refreshed from {} after restore", path);
    }

    private void apply(SecretParameter secret, String value) {
        switch (secret) {
            case GPT_CLIENT_SECRET -> gpt.setClientSecret(value);
            case IDP_CLIENT_SECRET -> idp.setClientSecret(value);
            case STATE_KEY -> stateKey.setStateKey(value);
            case GITHUB_TOKEN -> github.setToken(value);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
