package dev.actiongate.oauth;

import dev.actiongate.config.GptSettings;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The GPT callback URLs the bridge may send a browser to. A {@code *} in a pattern stands for one path
 * segment (ChatGPT's per-action id); everything else must match exactly, so no open redirect exists.
 */
@Singleton
final class RedirectUriAllowlist {

    private final List<Pattern> patterns;

    RedirectUriAllowlist(GptSettings settings) {
        this.patterns = settings.redirectUris().stream().map(RedirectUriAllowlist::compile).toList();
    }

    boolean allows(String redirectUri) {
        if (redirectUri == null || redirectUri.length() > 2048) {
            return false;
        }
        return patterns.stream().anyMatch(pattern -> pattern.matcher(redirectUri).matches());
    }

    private static Pattern compile(String pattern) {
        StringBuilder regex = new StringBuilder();
        String[] parts = pattern.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append("[A-Za-z0-9._~-]+");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString());
    }
}
