package dev.actiongate.oauth.clients;

import dev.actiongate.config.GptSettings;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GPT callback URLs the bridge may send a browser to. A {@code *} in a pattern stands for one path
 * segment (ChatGPT's per-action id); everything else must match exactly, so no open redirect exists.
 */
@Singleton
public final class RedirectUriAllowlist {

    /** Unreserved characters and percent-encoded octets (RFC 3986 §2.1, §2.3); what a segment may be is checked after. */
    private static final String SEGMENT = "((?:[A-Za-z0-9._~-]|%[0-9A-Fa-f]{2})+)";

    private final List<Pattern> patterns;

    RedirectUriAllowlist(GptSettings settings) {
        this.patterns = settings.redirectUris().stream().map(RedirectUriAllowlist::compile).toList();
    }

    public boolean allows(String redirectUri) {
        if (redirectUri == null || redirectUri.length() > 2048 || !normalized(redirectUri)) {
            return false;
        }
        for (Pattern pattern : patterns) {
            Matcher matcher = pattern.matcher(redirectUri);
            if (matcher.matches() && everySegmentStaysPut(matcher)) {
                return true;
            }
        }
        return false;
    }

    /**
     * RFC 3986 §5.2.4: a browser removes dot-segments before it follows a redirect, so a URI that
     * normalizing would change leads somewhere other than it reads.
     */
    private static boolean normalized(String redirectUri) {
        try {
            URI uri = new URI(redirectUri);
            return uri.getHost() != null && uri.normalize().toString().equals(redirectUri);
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * What a {@code *} matched must stay one segment in a browser: not {@code .} or {@code ..} in any
     * spelling (browsers read {@code %2e} as a dot, WHATWG URL "single-dot/double-dot URL path segment"),
     * and no slash or backslash, encoded or not, that some servers and browsers take for a separator.
     */
    private static boolean everySegmentStaysPut(Matcher matcher) {
        for (int group = 1; group <= matcher.groupCount(); group++) {
            String segment = matcher.group(group).toLowerCase(Locale.ROOT);
            if (segment.contains("%2f") || segment.contains("%5c") || segment.contains("\\")) {
                return false;
            }
            String dots = segment.replace("%2e", ".");
            if (dots.equals(".") || dots.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static Pattern compile(String pattern) {
        StringBuilder regex = new StringBuilder();
        String[] parts = pattern.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(SEGMENT);
            }
            regex.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString());
    }
}
