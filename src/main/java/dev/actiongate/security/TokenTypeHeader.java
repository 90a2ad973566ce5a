package dev.actiongate.security;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import dev.actiongate.config.IdpSettings;
import jakarta.inject.Singleton;

import java.util.Locale;
import java.util.Set;

/**
 * The JOSE header {@code typ} a bearer token may carry. With {@code actiongate.idp.token-type=at+jwt}
 * only RFC 9068 access tokens pass (§4: {@code at+jwt} or {@code application/at+jwt}, nothing else, not
 * even no {@code typ}); by default also a token without {@code typ} or with {@code JWT} (RFC 7519 §5.1),
 * which is what most providers put on access and ID tokens alike, while types such as
 * {@code logout+jwt} or {@code secevent+jwt} stay refused.
 */
@Singleton
final class TokenTypeHeader {

    private static final String ABSENT = "";
    private static final String MEDIA_TYPE_PREFIX = "application/";

    private final Set<String> accepted;

    TokenTypeHeader(IdpSettings settings) {
        this.accepted = settings.tokenType().equals(IdpSettings.RFC_9068_TOKEN_TYPE)
                ? Set.of(IdpSettings.RFC_9068_TOKEN_TYPE)
                : Set.of(IdpSettings.RFC_9068_TOKEN_TYPE, ABSENT, normalised(JOSEObjectType.JWT));
    }

    boolean accepts(JWSHeader header) {
        return accepted.contains(normalised(header.getType()));
    }

    /** RFC 7515 §4.1.9: a media type, compared without regard to case, whose "application/" may be left out. */
    private static String normalised(JOSEObjectType type) {
        if (type == null) {
            return ABSENT;
        }
        String value = type.getType().trim().toLowerCase(Locale.ROOT);
        return value.startsWith(MEDIA_TYPE_PREFIX) ? value.substring(MEDIA_TYPE_PREFIX.length()) : value;
    }
}
