package dev.actiongate.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code actiongate.gpt.*}: the ChatGPT action as an OAuth client of the bridge. */
@ConfigurationProperties(GptSettings.PREFIX)
public final class GptSettings {

    public static final String PREFIX = "actiongate.gpt";
    /** ChatGPT's callback URLs; the id after {@code /aip/} changes whenever the action is edited. */
    public static final List<String> DEFAULT_REDIRECT_URIS = List.of(
            "https://chat.openai.com/aip/*/oauth/callback",
            "https://chatgpt.com/aip/*/oauth/callback");

    private String clientId;
    private String clientSecret;
    private List<String> redirectUris = DEFAULT_REDIRECT_URIS;

    public Optional<String> clientId() {
        return Optional.ofNullable(clientId).filter(id -> !id.isBlank());
    }

    public Optional<Secret> clientSecret() {
        return Optional.ofNullable(clientSecret).filter(s -> !s.isBlank()).map(Secret::of);
    }

    public String requiredClientId() {
        return clientId().orElseThrow(() -> new InvalidSettingException(PREFIX + ".client-id",
                "is missing: choose the client ID you will paste into the GPT's OAuth settings"));
    }

    public Secret requiredClientSecret() {
        return clientSecret().orElseThrow(() -> new InvalidSettingException(PREFIX + ".client-secret",
                "is missing: create a URL-safe one with `openssl rand -hex 32` and paste it into the GPT's OAuth settings"));
    }

    /** Allowed redirect URIs; {@code *} stands for one path segment. */
    public List<String> redirectUris() {
        List<String> patterns = new ArrayList<>();
        for (String pattern : redirectUris) {
            String trimmed = pattern.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            Setting.url(PREFIX + ".redirect-uris", trimmed.replace("*", "x"));
            patterns.add(trimmed);
        }
        if (patterns.isEmpty()) {
            throw new InvalidSettingException(PREFIX + ".redirect-uris", "is empty: leave it unset for ChatGPT's callbacks");
        }
        return patterns;
    }

    public void setClientId(@Nullable String clientId) {
        this.clientId = clientId;
    }

    public void setClientSecret(@Nullable String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public void setRedirectUris(@Nullable List<String> redirectUris) {
        this.redirectUris = redirectUris == null ? DEFAULT_REDIRECT_URIS : new ArrayList<>(redirectUris);
    }
}
