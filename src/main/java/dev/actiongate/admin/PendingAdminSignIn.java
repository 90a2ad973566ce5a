package dev.actiongate.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What the sign-in cookie seals ({@code Sealer.Purpose.ADMIN_SIGN_IN}) between {@code /admin} and its
 * callback: the {@code state} sent to the provider, the PKCE verifier, the callback URL the provider was
 * given, and the page's query to come back to. Only the browser that started the sign-in holds it.
 */
@Serdeable
// Serde leaves empty strings out by default, which would unseal "" as null.
@JsonInclude(JsonInclude.Include.NON_NULL)
record PendingAdminSignIn(String state, String verifier, String callback, String query) {
}
