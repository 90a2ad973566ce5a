package dev.actiongate.upstream;

/** The provider's token endpoint failed (5xx, unreachable, unusable answer: 502) or did not answer in time (504). */
public final class ProviderUnavailableException extends Exception {

    private final int status;

    ProviderUnavailableException(int status, String description) {
        super(description, null, false, false);
        this.status = status;
    }

    /** The status to answer with: 502 or 504. */
    public int status() {
        return status;
    }
}
