package dev.actiongate.web;

import dev.actiongate.config.PublicSettings;
import dev.actiongate.config.Setting;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import jakarta.inject.Singleton;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The root URL ChatGPT uses for this deployment: {@code actiongate.public-base-url} when set, otherwise
 * the scheme and host the request came in on (API Gateway sends {@code X-Forwarded-Proto}).
 */
@Singleton
public final class PublicBaseUrl {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?");

    private final PublicSettings settings;

    PublicBaseUrl(PublicSettings settings) {
        this.settings = settings;
    }

    public String of(HttpRequest<?> request) {
        return settings.publicBaseUrl().orElseGet(() -> derived(request));
    }

    /**
     * Whether that root is HTTPS. Unlike {@link #of} it never fails: a request without a usable Host
     * header (refused anyway wherever the root is needed) counts as not HTTPS.
     */
    public boolean isHttps(HttpRequest<?> request) {
        return settings.publicBaseUrl().map(url -> url.startsWith("https://"))
                .orElseGet(() -> usableHost(request) != null && scheme(request, usableHost(request)).equals("https"));
    }

    private static String derived(HttpRequest<?> request) {
        String host = usableHost(request);
        if (host == null) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST,
                    "The request has no usable Host header; set actiongate.public-base-url (ACTIONGATE_PUBLIC_BASE_URL).");
        }
        return scheme(request, host) + "://" + host.toLowerCase(Locale.ROOT);
    }

    private static String usableHost(HttpRequest<?> request) {
        String host = request.getHeaders().get(HttpHeaders.HOST);
        return host != null && HOST.matcher(host).matches() ? host : null;
    }

    private static String scheme(HttpRequest<?> request, String host) {
        String proto = request.getHeaders().get("X-Forwarded-Proto");
        String scheme = proto != null ? proto.trim().toLowerCase(Locale.ROOT)
                : Setting.isLoopback(host.replaceFirst(":[0-9]+$", "")) ? "http" : "https";
        return scheme.equals("http") ? "http" : "https";
    }
}
