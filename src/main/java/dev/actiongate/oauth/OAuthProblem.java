package dev.actiongate.oauth;

import io.micronaut.http.HttpStatus;

/**
 * An OAuth error answer (RFC 6749 §4.1.2.1 and §5.2): its code, a description a person can read,
 * and the HTTP status {@code /token} answers it with.
 */
final class OAuthProblem extends Exception {

    private final HttpStatus status;
    private final String error;

    OAuthProblem(HttpStatus status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
    }

    static OAuthProblem invalidRequest(String description) {
        return new OAuthProblem(HttpStatus.BAD_REQUEST, "invalid_request", description);
    }

    static OAuthProblem invalidGrant(String description) {
        return new OAuthProblem(HttpStatus.BAD_REQUEST, "invalid_grant", description);
    }

    static OAuthProblem invalidClient(String description) {
        return new OAuthProblem(HttpStatus.UNAUTHORIZED, "invalid_client", description);
    }

    HttpStatus status() {
        return status;
    }

    String error() {
        return error;
    }

    String description() {
        return getMessage();
    }

    OAuthError body() {
        return new OAuthError(error, getMessage());
    }
}
