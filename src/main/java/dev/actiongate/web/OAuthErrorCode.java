package dev.actiongate.web;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The OAuth error codes the bridge answers with (RFC 6749 §4.1.2.1 and §5.2, RFC 8707, RFC 7591), each with the status
 * {@code /token} gives it. At {@code /authorize} and the callback they travel in a redirect instead.
 */
public enum OAuthErrorCode {
    INVALID_REQUEST(400),
    INVALID_CLIENT(401),
    INVALID_GRANT(400),
    UNAUTHORIZED_CLIENT(400),
    UNSUPPORTED_GRANT_TYPE(400),
    UNSUPPORTED_RESPONSE_TYPE(400),
    INVALID_SCOPE(400),
    ACCESS_DENIED(400),
    SERVER_ERROR(500),
    TEMPORARILY_UNAVAILABLE(503),
    /** RFC 8707 §2: the {@code resource} is not one this authorization server issues tokens for. */
    INVALID_TARGET(400),
    /** RFC 7591 §3.2.2: a registration's redirect URI is refused. */
    INVALID_REDIRECT_URI(400),
    /** RFC 7591 §3.2.2: another field of a registration is refused. */
    INVALID_CLIENT_METADATA(400);

    /** RFC 6749 §4.1.2.1 and §5.2: error = 1*( %x20-21 / %x23-5B / %x5D-7E ); long ones are not codes. */
    private static final Pattern WELL_FORMED = Pattern.compile("[\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]{1,64}");
    /** The same characters for {@code error_description}, up to a sentence's length. */
    private static final Pattern DESCRIPTION = Pattern.compile("[\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]{1,300}");

    private final int status;

    OAuthErrorCode(int status) {
        this.status = status;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public int status() {
        return status;
    }

    /** Whether a code another party sent (the provider) may be passed on as an OAuth error code. */
    public static boolean wellFormed(String code) {
        return code != null && WELL_FORMED.matcher(code).matches();
    }

    /** Whether a description another party sent may be passed on as it is. */
    public static boolean wellFormedDescription(String description) {
        return description != null && DESCRIPTION.matcher(description).matches();
    }
}
