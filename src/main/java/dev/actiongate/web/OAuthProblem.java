package dev.actiongate.web;

/**
 * An OAuth error answer (RFC 6749 §4.1.2.1 and §5.2): its code, a description a person can read, and the
 * HTTP status {@code /token} answers it with. A provider's own refusal is passed on with its code.
 */
public final class OAuthProblem extends Exception {

    private final int status;
    private final String error;

    private OAuthProblem(int status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
    }

    public static OAuthProblem of(OAuthErrorCode code, String description) {
        return new OAuthProblem(code.status(), code.code(), description);
    }

    public static OAuthProblem invalidRequest(String description) {
        return of(OAuthErrorCode.INVALID_REQUEST, description);
    }

    public static OAuthProblem invalidGrant(String description) {
        return of(OAuthErrorCode.INVALID_GRANT, description);
    }

    public static OAuthProblem invalidClient(String description) {
        return of(OAuthErrorCode.INVALID_CLIENT, description);
    }

    public static OAuthProblem invalidScope(String description) {
        return of(OAuthErrorCode.INVALID_SCOPE, description);
    }

    /** A request refused for its size (RFC 9110 §15.5.14), in RFC 6749's words. */
    public static OAuthProblem tooLarge(String description) {
        return new OAuthProblem(413, OAuthErrorCode.INVALID_REQUEST.code(), description);
    }

    /** The provider, or the first of two identical exchanges, did not answer: 502, 503 or 504. */
    public static OAuthProblem temporarilyUnavailable(int status, String description) {
        return new OAuthProblem(status, OAuthErrorCode.TEMPORARILY_UNAVAILABLE.code(), description);
    }

    /** The provider's refusal, its status and code kept (a code that is not well-formed becomes {@code fallback}). */
    public static OAuthProblem relayed(int status, String error, OAuthErrorCode fallback, String description) {
        return new OAuthProblem(status, OAuthErrorCode.wellFormed(error) ? error : fallback.code(), description);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String description() {
        return getMessage();
    }

    public OAuthError body() {
        return new OAuthError(error, getMessage());
    }
}
