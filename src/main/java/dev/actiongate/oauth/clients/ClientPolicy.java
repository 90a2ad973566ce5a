package dev.actiongate.oauth.clients;

import dev.actiongate.config.ClientSettings;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which MCP clients may sign in ({@code actiongate.oauth.clients.*}): the metadata-document URLs, and where
 * a public client may be sent back. Loopback redirect URIs are always allowed (RFC 8252 §7.3: a desktop
 * client's own machine); so are private-use schemes that are reverse-DNS names (RFC 8252 §7.1).
 */
@Singleton
final class ClientPolicy {

    private final List<Pattern> documents;
    private final List<String> redirectHosts;
    private final List<String> redirectSchemes;
    private final boolean registrationOpen;

    ClientPolicy(ClientSettings settings) {
        this.documents = settings.metadataDocuments().stream().map(ClientPolicy::compile).toList();
        this.redirectHosts = settings.redirectHosts();
        this.redirectSchemes = settings.redirectSchemes();
        this.registrationOpen = settings.registrationOpen();
    }

    boolean allowsDocument(String url) {
        return documents.stream().anyMatch(pattern -> pattern.matcher(url).matches());
    }

    boolean registrationOpen() {
        return registrationOpen;
    }

    /** Whether a redirect URI that {@link RedirectUris#problem} accepts is within the policy. */
    boolean allowsRedirect(String redirectUri) {
        if (LoopbackRedirects.isLoopback(redirectUri)) {
            return true;
        }
        URI uri;
        try {
            uri = new URI(redirectUri);
        } catch (URISyntaxException e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            return redirectHosts.stream().anyMatch(allowed -> allowed.startsWith("*.")
                    ? host.endsWith(allowed.substring(1)) : host.equals(allowed));
        }
        return RedirectUris.isReverseDns(scheme) || redirectSchemes.contains(scheme);
    }

    /** {@code *} stands for any characters; the settings keep it out of the scheme and host. */
    private static Pattern compile(String pattern) {
        StringBuilder regex = new StringBuilder();
        String[] parts = pattern.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString());
    }
}
