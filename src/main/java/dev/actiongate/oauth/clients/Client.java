package dev.actiongate.oauth.clients;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * A client that may start a sign-in at {@code /authorize}: the configured GPT (confidential: it holds the
 * client secret), or a public client, known from its Client ID Metadata Document or from a registration.
 *
 * @param name         what the client calls itself ({@code client_name}), shown on the consent page
 * @param redirectUris where it may be sent back; for the GPT, the patterns of {@code actiongate.gpt.redirect-uris}
 * @param documentHost the host that published a metadata document, shown on the consent page
 */
public record Client(String id, Kind kind, @Nullable String name, List<String> redirectUris, @Nullable String documentHost) {

    public enum Kind {
        /** The GPT Action configured in {@code actiongate.gpt.*}. */
        GPT,
        /** A {@code client_id} that is the HTTPS URL of its Client ID Metadata Document. */
        METADATA_DOCUMENT,
        /** A {@code client_id} issued by {@code /register} (RFC 7591): what it said of itself, unverified. */
        REGISTERED
    }

    public Client {
        redirectUris = List.copyOf(redirectUris);
    }

    /** OAuth 2.1 §2.1: a client without credentials, which must use PKCE and gets rotating refresh tokens. */
    public boolean isPublic() {
        return kind != Kind.GPT;
    }

    /** Whether the person must be asked before the sign-in goes on (MCP "Confused Deputy Problem"). */
    public boolean needsConsent() {
        return kind != Kind.GPT;
    }

    /** True when every redirect URI is a loopback one: anyone's local program can claim such a client, so its consent is never remembered. */
    public boolean onlyLoopbackRedirects() {
        return !redirectUris.isEmpty() && redirectUris.stream().allMatch(LoopbackRedirects::isLoopback);
    }
}
