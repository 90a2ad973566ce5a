package dev.actiongate.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What a public client's refresh token seals: the provider's refresh token, which the client never sees,
 * the client and the grant it is bound to, and its place in its family's rotation.
 *
 * @param resource   the RFC 8707 resource of the sign-in, when it named one
 * @param familyId   random, the same for every token rotated from one sign-in
 * @param generation 1 for the token the code gave, one more with each refresh
 */
@Serdeable
// Serde leaves empty strings out by default, which would unseal "" as null.
@JsonInclude(JsonInclude.Include.NON_NULL)
record BridgeRefreshToken(String upstreamRefreshToken, String clientId, @Nullable String resource, String scope,
                          String familyId, long generation) {

    /** The token that replaces this one after a refresh, wrapping the provider's refresh token as it now stands. */
    BridgeRefreshToken next(String upstream) {
        return new BridgeRefreshToken(upstream, clientId, resource, scope, familyId, generation + 1);
    }

    @Override
    public String toString() {
        return "BridgeRefreshToken[" + clientId + ", generation " + generation + "]";
    }
}
