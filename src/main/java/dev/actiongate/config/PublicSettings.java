package dev.actiongate.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.net.URI;
import java.util.Optional;

/**
 * {@code actiongate.public-base-url}: the HTTPS root that ChatGPT calls. When it is not set (the usual
 * case right after {@code sam deploy}, because a function cannot name the API that fronts it without a
 * circular reference) the root is taken from the host each request arrived on.
 */
@ConfigurationProperties("actiongate")
public final class PublicSettings {

    public static final String PUBLIC_BASE_URL = "actiongate.public-base-url";

    private String publicBaseUrl;

    public void setPublicBaseUrl(@Nullable String publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl;
    }

    /** The configured root without a trailing slash, if one is configured. */
    public Optional<String> publicBaseUrl() {
        if (publicBaseUrl == null || publicBaseUrl.isBlank()) {
            return Optional.empty();
        }
        URI uri = Setting.url(PUBLIC_BASE_URL, publicBaseUrl);
        return Optional.of(Setting.withoutTrailingSlash(uri.toString()));
    }
}
