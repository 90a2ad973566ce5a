package dev.actiongate.oauth;

import io.micronaut.serde.annotation.Serdeable;

/**
 * What the consent page's form carries, sealed ({@code Sealer.Purpose.CONSENT_TICKET}, valid as long as the
 * page): the checked request waiting for the person's answer, the HMAC of the browser's nonce cookie it was
 * shown with, and whether "remember" was offered.
 */
@Serdeable
record ConsentTicket(AuthorizationRequest request, String nonceId, boolean rememberable) {
}
