package dev.actiongate.gpt;

import dev.actiongate.config.SettingsReader;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * {@code actiongate.privacy.*}: who runs this deployment and how to reach them, shown on the privacy
 * page ChatGPT links to. {@code text} replaces the default policy entirely (plain text, paragraphs
 * separated by blank lines).
 */
@Singleton
public final class PrivacySettings {

    private static final String PREFIX = "actiongate.privacy";

    private final String operator;
    private final Optional<String> contact;
    private final Optional<String> text;

    PrivacySettings(SettingsReader settings) {
        this.operator = settings.string(PREFIX + ".operator").orElse("the team that deployed this ActionGate");
        this.contact = settings.string(PREFIX + ".contact");
        this.text = settings.verbatim(PREFIX + ".text");
    }

    public String operator() {
        return operator;
    }

    public Optional<String> contact() {
        return contact;
    }

    public Optional<String> text() {
        return text;
    }
}
