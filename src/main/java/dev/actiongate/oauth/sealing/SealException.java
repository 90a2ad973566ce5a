package dev.actiongate.oauth.sealing;

/** A sealed value that cannot be used: altered, made with another key, or too old. */
public final class SealException extends Exception {

    private final boolean expired;

    SealException(boolean expired) {
        super(expired ? "expired" : "not valid", null, false, false);
        this.expired = expired;
    }

    public boolean expired() {
        return expired;
    }
}
