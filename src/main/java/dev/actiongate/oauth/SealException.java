package dev.actiongate.oauth;

/** A sealed state or code that cannot be used: altered, made with another key, or too old. */
final class SealException extends Exception {

    private final boolean expired;

    SealException(boolean expired) {
        super(expired ? "expired" : "not valid", null, false, false);
        this.expired = expired;
    }

    boolean expired() {
        return expired;
    }
}
