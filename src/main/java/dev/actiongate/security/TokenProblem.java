package dev.actiongate.security;

/**
 * Why a bearer token was refused. {@link #description()} goes into {@code error_description} of the
 * {@code WWW-Authenticate} challenge; {@link #message()} is the sentence the GPT reads to the person.
 */
public enum TokenProblem {
    MISSING("No bearer token was sent"),
    TOO_LONG("The bearer token is longer than any token ActionGate accepts"),
    NOT_BEARER("The Authorization header does not use the Bearer scheme"),
    MALFORMED("The bearer token is not a well-formed JWT"),
    UNSIGNED("The bearer token is not signed"),
    BAD_SIGNATURE("The token's signature does not match a key of the identity provider"),
    NOT_AN_ACCESS_TOKEN_TYPE("The token's type (typ) is not that of an access token"),
    ID_TOKEN("The token is an ID token, not an access token"),
    EXPIRED("The token has expired"),
    NOT_YET_VALID("The token is not valid yet"),
    NO_EXPIRY("The token has no expiry time"),
    WRONG_ISSUER("The token was issued by an issuer this API does not trust"),
    WRONG_AUDIENCE("The token was not issued for this API"),
    NO_SUBJECT("The token does not name a user");

    /** Request attribute under which the claims check records the first problem it found. */
    static final String ATTRIBUTE = TokenProblem.class.getName();

    private final String description;

    TokenProblem(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public String message() {
        return description + ", so you are not signed in to ActionGate. Please sign in again.";
    }
}
