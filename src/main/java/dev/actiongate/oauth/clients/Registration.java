package dev.actiongate.oauth.clients;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * What a client said of itself at {@code /register}, sealed whole into the client_id it got (nothing is
 * stored). Short property names: the sealed id must stay within {@link Registrations#MAX_CLIENT_ID} characters.
 *
 * @param issuedAt seconds since the epoch
 */
@Serdeable
record Registration(@JsonProperty("n") @Nullable String name, @JsonProperty("r") List<String> redirectUris,
                    @JsonProperty("g") List<String> grantTypes, @JsonProperty("t") long issuedAt) {
}
