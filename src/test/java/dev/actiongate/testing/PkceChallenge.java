package dev.actiongate.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** What a client sends as its PKCE {@code code_challenge}: RFC 7636 §4.2, BASE64URL(SHA256(ASCII(code_verifier))). */
public final class PkceChallenge {

    private PkceChallenge() {
    }

    public static String of(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
