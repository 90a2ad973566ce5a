package dev.actiongate.config;

import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;

/**
 * Reads every setting once while the application starts, before any other bean, so that a missing or
 * malformed one stops start-up with its one-line message instead of failing the first request.
 */
@Context
@Order(Ordered.HIGHEST_PRECEDENCE)
final class StartupCheck {

    StartupCheck(PublicSettings publicSettings, IdpSettings idp, GptSettings gpt, GithubSettings github,
                 UsageSettings usage, StateKeySettings stateKey) {
        publicSettings.publicBaseUrl();
        idp.issuer();
        idp.acceptedIssuers();
        idp.audience();
        idp.jwksUrl();
        idp.algorithms();
        idp.clockSkew();
        idp.jwksRefreshInterval();
        idp.httpTimeout();
        idp.tokenType();
        idp.idTokenClaims();
        gpt.redirectUris();
        github.apiUrl();
        github.repositories();
        github.workflows();
        github.apiVersion();
        github.logMaxCharacters();
        github.refs();
        github.rateLimitReserve();
        github.logMaxBytes();
        github.logDownloadTimeout();
        usage.table();
        stateKey.stateKey();
        usage.auditRetention();
        usage.usageRetention();
        usage.defaultTier();
        usage.quotaFailsOpen();
        usage.endpoint();
        usage.callTimeout();
        usage.breakerFailures();
        usage.breakerCoolDown();
        usage.requiredTable();
    }
}
