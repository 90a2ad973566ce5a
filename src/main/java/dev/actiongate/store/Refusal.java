package dev.actiongate.store;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why a request was refused before it ran, as the admin page counts refusals: a fixed set, so a day's
 * refusals are one small item whatever the callers send.
 */
public enum Refusal {
    MISSING_TOKEN(401, "missing_token"),
    ID_TOKEN(401, "id_token"),
    INVALID_TOKEN(401, "invalid_token"),
    INSUFFICIENT_SCOPE(403, "insufficient_scope"),
    ORIGIN_NOT_ALLOWED(403, "origin_not_allowed"),
    QUOTA_EXCEEDED(429, "quota_exceeded");

    private final int status;
    private final String reason;

    Refusal(int status, String reason) {
        this.status = status;
        this.reason = reason;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public static Optional<Refusal> of(int status, String reason) {
        return Arrays.stream(values()).filter(refusal -> refusal.status == status && refusal.reason.equals(reason)).findFirst();
    }
}
