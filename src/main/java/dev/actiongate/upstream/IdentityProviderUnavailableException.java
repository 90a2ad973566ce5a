package dev.actiongate.upstream;

/** The identity provider could not be reached or answered something unusable. */
public final class IdentityProviderUnavailableException extends RuntimeException {

    public IdentityProviderUnavailableException(String message) {
        super(message, null, false, false);
    }
}
