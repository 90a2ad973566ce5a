package dev.actiongate.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** A secret value that cannot end up in a log line or an exception message by accident. */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    public String reveal() {
        return value;
    }

    /** Constant-time comparison, for client secrets presented by callers. */
    public boolean matches(String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "******";
    }
}
