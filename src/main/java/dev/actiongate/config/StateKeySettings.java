package dev.actiongate.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.util.Base64;
import java.util.Optional;

/** {@code actiongate.state-key}: 32 random bytes, base64, that seal OAuth state and codes. */
@ConfigurationProperties("actiongate")
public final class StateKeySettings {

    public static final String STATE_KEY = "actiongate.state-key";

    private String stateKey;

    public Optional<byte[]> stateKey() {
        if (stateKey == null || stateKey.isBlank()) {
            return Optional.empty();
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(stateKey.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(STATE_KEY, "is not base64: create one with `openssl rand -base64 32`");
        }
        if (key.length != 32) {
            throw new InvalidSettingException(STATE_KEY, "must be 32 bytes (base64 of 32 random bytes): create one with `openssl rand -base64 32`");
        }
        return Optional.of(key);
    }

    public byte[] requiredStateKey() {
        return stateKey().orElseThrow(() -> new InvalidSettingException(STATE_KEY,
                "is missing: create one with `openssl rand -base64 32`"));
    }

    public void setStateKey(@Nullable String stateKey) {
        this.stateKey = stateKey;
    }
}
