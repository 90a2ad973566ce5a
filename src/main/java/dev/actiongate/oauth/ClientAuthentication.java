package dev.actiongate.oauth;

import dev.actiongate.config.GptSettings;
import dev.actiongate.config.Secret;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * Authenticates the GPT at {@code /token}: {@code client_secret_basic} (ChatGPT's "Basic authorization
 * header") or {@code client_secret_post} ("Default (POST request)"), compared in constant time.
 */
@Singleton
final class ClientAuthentication {

    private final GptSettings settings;

    ClientAuthentication(GptSettings settings) {
        this.settings = settings;
    }

    /** The authenticated client's id, or {@code invalid_client} (401). */
    String authenticate(HttpRequest<?> request, FormParameters form) throws OAuthProblem {
        // Read on every call: a secret refreshed from SSM after a SnapStart restore applies at once.
        String clientId = settings.requiredClientId();
        Secret clientSecret = settings.requiredClientSecret();
        Optional<String[]> basic = basicCredentials(request);
        String presentedId;
        String presentedSecret;
        if (basic.isPresent()) {
            if (form.get("client_secret").isPresent()) {
                throw OAuthProblem.invalidRequest("Send the client secret either in the Authorization header or in the body, not both.");
            }
            presentedId = basic.get()[0];
            presentedSecret = basic.get()[1];
            if (form.get("client_id").isPresent() && !form.get("client_id").get().equals(presentedId)) {
                throw OAuthProblem.invalidClient("The client_id in the body differs from the one in the Authorization header.");
            }
        } else {
            presentedId = form.get("client_id").orElse(null);
            presentedSecret = form.get("client_secret").orElse(null);
        }
        if (presentedId == null || presentedSecret == null) {
            throw OAuthProblem.invalidClient("The client is not authenticated: send its client_id and client_secret.");
        }
        boolean idMatches = MessageDigest.isEqual(presentedId.getBytes(StandardCharsets.UTF_8), clientId.getBytes(StandardCharsets.UTF_8));
        boolean secretMatches = clientSecret.matches(presentedSecret);
        if (!(idMatches & secretMatches)) {
            throw OAuthProblem.invalidClient("The client ID or client secret is wrong; check the GPT's OAuth settings.");
        }
        return clientId;
    }

    private static Optional<String[]> basicCredentials(HttpRequest<?> request) throws OAuthProblem {
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
        return Optional.of(new String[] {formDecoded(decoded.substring(0, colon)), formDecoded(decoded.substring(colon + 1))});
    }

    /** RFC 6749 §2.3.1 form-encodes both parts; clients that do not are still understood when no % or + occurs. */
    private static String formDecoded(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return part;
        }
    }
}
