package dev.actiongate.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code actiongate.gpt.*}: the ChatGPT action as an OAuth client of the bridge; its secret is in {@link Secrets}. */
public final class GptSettings {

    public static final String PREFIX = "actiongate.gpt";
    public static final String CLIENT_ID = PREFIX + ".client-id";
    /** ChatGPT's callback URLs; the id after {@code /aip/} changes whenever the action is edited. */
    public static final List<String> DEFAULT_REDIRECT_URIS = List.of(
            "https://chat.openai.com/aip/*/oauth/callback",
            "https://chatgpt.com/aip/*/oauth/callback");

    private final Optional<String> clientId;
    private final List<String> redirectUris;

    private GptSettings(SettingsReader settings) {
        this.clientId = settings.verbatim(CLIENT_ID);
        this.redirectUris = redirectUris(settings.list(PREFIX + ".redirect-uris").orElse(DEFAULT_REDIRECT_URIS));
    }

    public static GptSettings read(SettingsReader settings) {
        return new GptSettings(settings);
    }

    public Optional<String> clientId() {
        return clientId;
    }

    public String requiredClientId() {
        return clientId.orElseThrow(() -> RequiredSettings.missing(CLIENT_ID));
    }

    /** Allowed redirect URIs; {@code *} stands for one path segment. */
    public List<String> redirectUris() {
        return redirectUris;
    }

    private static List<String> redirectUris(List<String> entries) {
        List<String> patterns = new ArrayList<>();
        for (String pattern : entries) {
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
        return List.copyOf(patterns);
    }
}
