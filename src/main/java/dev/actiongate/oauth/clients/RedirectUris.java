package dev.actiongate.oauth.clients;

import io.micronaut.core.annotation.Nullable;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The kinds of redirect URI a public client may have (RFC 8252 §7, OAuth 2.1 §2.3.1): https, loopback http
 * (§7.3), or a private-use scheme (§7.1) — a reverse-DNS name, or one the policy names. Never a fragment
 * (RFC 6749 §3.1.2), userinfo, or a scheme a browser runs or reads locally.
 */
final class RedirectUris {

    static final int MAX_LENGTH = 512;
    private static final Pattern REVERSE_DNS = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z0-9-]+)+");
    private static final List<String> NEVER = List.of("javascript", "data", "file", "blob", "vbscript", "about", "ftp", "ws", "wss");

    private RedirectUris() {
    }

    /** Why this URI cannot be a redirect URI, or null when it can be; {@code privateSchemes}: schemes without a dot that are allowed. */
    static @Nullable String problem(String redirectUri, List<String> privateSchemes) {
        if (redirectUri.length() > MAX_LENGTH) {
            return "is longer than " + MAX_LENGTH + " characters";
        }
        URI uri;
        try {
            uri = new URI(redirectUri);
        } catch (URISyntaxException e) {
            return "is not a URI";
        }
        if (uri.getScheme() == null || !uri.isAbsolute()) {
            return "is not an absolute URI";
        }
        if (uri.getRawFragment() != null || redirectUri.contains("#")) {
            return "has a fragment, which RFC 6749 §3.1.2 forbids";
        }
        if (uri.getRawUserInfo() != null || uri.getRawAuthority() != null && uri.getRawAuthority().contains("@")) {
            return "has userinfo";
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (NEVER.contains(scheme)) {
            return "uses the " + scheme + ": scheme";
        }
        if (scheme.equals("https")) {
            return uri.getHost() == null ? "has no host" : null;
        }
        if (scheme.equals("http")) {
            return LoopbackRedirects.isLoopback(redirectUri) ? null
                    : "uses plain http on a host other than 127.0.0.1, [::1] or localhost";
        }
        if (isReverseDns(scheme) || privateSchemes.contains(scheme)) {
            return null;
        }
        return "uses the scheme " + scheme + ":, which is neither https, loopback http nor a private-use scheme named like com.example.app";
    }

    /** RFC 8252 §7.1: a private-use scheme is a reverse-DNS name of a domain its publisher controls. */
    static boolean isReverseDns(String scheme) {
        return REVERSE_DNS.matcher(scheme).matches();
    }
}
