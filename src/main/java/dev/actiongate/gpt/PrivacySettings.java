package dev.actiongate.gpt;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.util.Optional;

/**
 * {@code actiongate.privacy.*}: who runs this deployment and how to reach them, shown on the privacy
 * page ChatGPT links to. {@code text} replaces the default policy entirely (plain text, paragraphs
 * separated by blank lines).
 */
@ConfigurationProperties("actiongate.privacy")
public final class PrivacySettings {

    private String operator;
    private String contact;
    private String text;

    public String operator() {
        return operator == null || operator.isBlank() ? "the team that deployed this ActionGate" : operator.trim();
    }

    public Optional<String> contact() {
        return Optional.ofNullable(contact).filter(c -> !c.isBlank()).map(String::trim);
    }

    public Optional<String> text() {
        return Optional.ofNullable(text).filter(t -> !t.isBlank());
    }

    public void setOperator(@Nullable String operator) {
        this.operator = operator;
    }

    public void setContact(@Nullable String contact) {
        this.contact = contact;
    }

    public void setText(@Nullable String text) {
        this.text = text;
    }
}
