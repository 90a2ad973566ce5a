package dev.actiongate.oauth;

import dev.actiongate.config.GptSettings;
import dev.actiongate.config.Secret;
import dev.actiongate.config.Secrets;
import dev.actiongate.web.OAuthProblem;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * Authenticates the client at {@code /token}: the GPT with {@code client_secret_basic} (ChatGPT's "Basic
 * authorization header") or {@code client_secret_post} ("Default (POST request)"), compared in constant
 * time; any other client id is a public client ({@code none}).
 */
@Singleton
final class ClientAuthentication {

    private final GptSettings settings;
    private final Secrets secrets;

    ClientAuthentication(GptSettings settings, Secrets secrets) {
        this.settings = settings;
        this.secrets = secrets;
    }

    /** The client at {@code /token}: the GPT, with its secret; or a public client, by its client_id alone. */
    record TokenClient(String id, boolean isPublic) {
    }

    /** The authenticated client, or {@code invalid_client} (401). */
    TokenClient authenticate(HttpRequest<?> request, FormParameters form) throws OAuthProblem {
        // Read on every call: a secret refreshed from SSM after a SnapStart restore applies at once.
        String clientId = settings.requiredClientId();
        Secret clientSecret = secrets.requiredGptClientSecret();
        Optional<BasicCredentials> basic = basicCredentials(request);
        Optional<String> bodyId = form.get("client_id");
        if (basic.isEmpty() && form.get("client_secret").isEmpty() && bodyId.isPresent() && !equal(bodyId.get(), clientId)) {
            // RFC 6749 §2.1, §3.2.1 and OAuth 2.1 §2.4: a public client (token_endpoint_auth_method none) names itself;
            // the code's PKCE verifier or the refresh token's binding to this client id does the rest.
            return new TokenClient(bodyId.get(), true);
        }
        boolean idMatches;
        boolean secretMatches;
        if (basic.isPresent()) {
            if (form.get("client_secret").isPresent()) {
                throw OAuthProblem.invalidRequest("Send the client secret either in the Authorization header or in the body, not both.");
            }
            BasicCredentials credentials = basic.get();
            if (form.get("client_id").isPresent() && !credentials.id().spells(form.get("client_id").get())) {
                throw OAuthProblem.invalidClient("The client_id in the body differs from the one in the Authorization header.");
            }
            idMatches = credentials.id().spells(clientId);
            secretMatches = credentials.secret().matches(clientSecret);
        } else {
            String presentedId = form.get("client_id").orElse(null);
            String presentedSecret = form.get("client_secret").orElse(null);
            if (presentedId == null || presentedSecret == null) {
                throw missing();
            }
            idMatches = equal(presentedId, clientId);
            secretMatches = clientSecret.matches(presentedSecret);
        }
        if (!(idMatches & secretMatches)) {
            throw OAuthProblem.invalidClient("The client ID or client secret is wrong; check the GPT's OAuth settings.");
        }
        return new TokenClient(clientId, false);
    }

    private static Optional<BasicCredentials> basicCredentials(HttpRequest<?> request) throws OAuthProblem {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OAuthProblem.invalidClient("The Authorization header is not valid Basic credentials.");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw OAuthProblem.invalidClient("The Authorization header is not valid Basic credentials.");
        }
        return Optional.of(new BasicCredentials(Part.of(decoded.substring(0, colon)), Part.of(decoded.substring(colon + 1))));
    }

    private record BasicCredentials(Part id, Part secret) {
    }

    /**
     * One part of Basic credentials, as sent and form-decoded. RFC 6749 §2.3.1 says to form-encode both
     * parts first, but many clients send them as they are, and a secret with {@code +}, {@code /} or
     * {@code =} (any standard base64 one) would not survive decoding: either reading may match.
     */
    private record Part(String raw, String decoded) {

        static Part of(String raw) {
            try {
                return new Part(raw, URLDecoder.decode(raw, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                return new Part(raw, raw);
            }
        }

        /** Both readings compared, each in constant time, whichever matches. */
        boolean spells(String expected) {
            return equal(raw, expected) | equal(decoded, expected);
        }

        boolean matches(Secret expected) {
            return expected.matches(raw) | expected.matches(decoded);
        }

        @Override
        public String toString() {
            return "******";
        }
    }

    private static boolean equal(String presented, String expected) {
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    private static OAuthProblem missing() {
        return OAuthProblem.invalidClient("The client is not authenticated: send its client_id and client_secret.");
    }
}
