package dev.actiongate.config;

import java.util.Optional;

/**
 * {@code actiongate.public-base-url}: the HTTPS root that ChatGPT calls. When it is not set (the usual
 * case right after {@code sam deploy}, because a function cannot name the API that fronts it without a
 * circular reference) the root is taken from the host each request arrived on.
 */
public final class PublicSettings {

    public static final String PUBLIC_BASE_URL = "actiongate.public-base-url";

    private final Optional<String> publicBaseUrl;

    private PublicSettings(SettingsReader settings) {
        this.publicBaseUrl = settings.url(PUBLIC_BASE_URL).map(uri -> Setting.withoutTrailingSlash(uri.toString()));
    }

    public static PublicSettings read(SettingsReader settings) {
        return new PublicSettings(settings);
    }

    /** The configured root without a trailing slash, if one is configured. */
    public Optional<String> publicBaseUrl() {
        return publicBaseUrl;
    }
}
