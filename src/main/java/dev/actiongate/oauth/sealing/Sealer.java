package dev.actiongate.oauth.sealing;

import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * Seals what the bridge must remember between two steps of a sign-in into the value it hands out
 * (the upstream {@code state}, the GPT's {@code code}): AES-256-GCM under a key derived per purpose
 * from {@code actiongate.state-key}, with the expiry inside the authenticated plaintext. Nothing is
 * stored, so any instance can finish any sign-in; a state can never be replayed as a code.
 */
@Singleton
public final class Sealer {

    public enum Purpose {
        STATE(StateKeyCrypto.Purpose.STATE),
        CODE(StateKeyCrypto.Purpose.CODE),
        /** The {@code client_id} issued by dynamic client registration: the registration itself. */
        CLIENT(StateKeyCrypto.Purpose.CLIENT),
        /** The consent page's ticket: the validated {@code /authorize} request waiting for the person's answer. */
        CONSENT_TICKET(StateKeyCrypto.Purpose.CONSENT_TICKET),
        /** The cookie that remembers a person's consent to a client. */
        REMEMBERED_CONSENT(StateKeyCrypto.Purpose.REMEMBERED_CONSENT),
        /** A public client's refresh token: the provider's, wrapped with its client, resource, scope and family. */
        REFRESH_TOKEN(StateKeyCrypto.Purpose.REFRESH_TOKEN),
        /** The admin page's sign-in in progress, in the browser's cookie: its state and PKCE verifier. */
        ADMIN_SIGN_IN(StateKeyCrypto.Purpose.ADMIN_SIGN_IN),
        /** The admin page's session cookie: who signed in, and whether they hold {@code admin}. */
        ADMIN_SESSION(StateKeyCrypto.Purpose.ADMIN_SESSION);

        private final StateKeyCrypto.Purpose key;

        Purpose(StateKeyCrypto.Purpose key) {
            this.key = key;
        }
    }

    private static final String VERSION = "1";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final StateKeyCrypto crypto;
    private final ObjectMapper json;
    private final Clock clock;

    public Sealer(StateKeyCrypto crypto, ObjectMapper json, Clock clock) {
        this.crypto = crypto;
        this.json = json;
        this.clock = clock;
    }

    /** The expiry travels inside the authenticated plaintext; the purpose's label is the AAD, so a state never passes for a code. */
    public String seal(Purpose purpose, Object payload, Instant expiresAt) {
        try {
            byte[] body = json.writeValueAsBytes(payload);
            byte[] plaintext = ByteBuffer.allocate(Long.BYTES + body.length).putLong(expiresAt.getEpochSecond()).put(body).array();
            return VERSION + ENCODER.encodeToString(StateKeyCrypto.encrypt(crypto.key(purpose.key), purpose.key.label(), plaintext));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public <T> T unseal(Purpose purpose, String sealed, Class<T> type) throws SealException {
        byte[] in = bytes(sealed);
        if (in.length <= StateKeyCrypto.overhead() + Long.BYTES) {
            throw new SealException(false);
        }
        byte[] plaintext;
        try {
            plaintext = StateKeyCrypto.decrypt(crypto.key(purpose.key), purpose.key.label(), in);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new SealException(false);
        }
        long expiresAt = ByteBuffer.wrap(plaintext).getLong();
        if (clock.instant().getEpochSecond() >= expiresAt) {
            throw new SealException(true);
        }
        try {
            return json.readValue(Arrays.copyOfRange(plaintext, Long.BYTES, plaintext.length), type);
        } catch (IOException e) {
            throw new SealException(false);
        }
    }

    /**
     * The bytes a sealed value spells. The decoder alone would also take other spellings of the same
     * bytes ({@code =} padding, other unused trailing bits, which RFC 4648 §3.5 lets a decoder accept);
     * only the canonical one {@link #seal} writes is accepted, so no code has a second spelling that
     * would pass for a second code.
     */
    public static byte[] bytes(String sealed) throws SealException {
        if (sealed == null || sealed.length() < 2 || sealed.length() > 8192 || !sealed.startsWith(VERSION)) {
            throw new SealException(false);
        }
        String text = sealed.substring(VERSION.length());
        byte[] decoded;
        try {
            decoded = DECODER.decode(text);
        } catch (IllegalArgumentException e) {
            throw new SealException(false);
        }
        if (!ENCODER.encodeToString(decoded).equals(text)) {
            throw new SealException(false);
        }
        return decoded;
    }
}
