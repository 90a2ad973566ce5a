package dev.actiongate.config;

import io.micronaut.context.annotation.Context;

/**
 * Reads every setting once while the application starts, so that a missing or malformed one stops
 * start-up with its one-line message instead of failing the first request.
 */
@Context
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
        gpt.redirectUris();
        github.apiUrl();
        github.repositories();
        usage.table();
        stateKey.stateKey();
    }
}
