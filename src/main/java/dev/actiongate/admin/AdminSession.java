package dev.actiongate.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.actiongate.security.Scopes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * What the session cookie seals ({@code Sealer.Purpose.ADMIN_SESSION}, expiring with the session): the
 * person the provider signed in, and the API scopes their token granted at sign-in.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
record AdminSession(String subject, @Nullable String email, List<String> scopes) {

    boolean admin() {
        return scopes.contains(Scopes.ADMIN);
    }

    /** How the page names the person: their e-mail when the token had one. */
    String who() {
        return email != null ? email : subject;
    }
}
