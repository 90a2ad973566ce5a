package dev.actiongate.oauth;

import dev.actiongate.config.Secrets;
import dev.actiongate.security.Randomness;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import javax.crypto.Cipher;
import javax.crypto.KDF;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.HKDFParameterSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
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
final class Sealer {

    enum Purpose {
        STATE("actiongate/oauth-state/v1"),
        CODE("actiongate/oauth-code/v1");

        private final byte[] label;

        Purpose(String label) {
            this.label = label.getBytes(StandardCharsets.US_ASCII);
        }
    }

    private static final String VERSION = "1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** The keys derived from one master key; derived again when the master key changes (a refreshed secret). */
    private record Keys(byte[] master, SecretKey state, SecretKey code) {
    }

    private final Secrets secrets;
    private final ObjectMapper json;
    private final Clock clock;
    private volatile Keys keys;

    @Inject
    Sealer(Secrets secrets, ObjectMapper json) {
        this(secrets, json, Clock.systemUTC());
    }

    Sealer(Secrets secrets, ObjectMapper json, Clock clock) {
        this.secrets = secrets;
        this.json = json;
        this.clock = clock;
        keys();
    }

    String seal(Purpose purpose, Object payload, Instant expiresAt) {
        try {
            byte[] body = json.writeValueAsBytes(payload);
            byte[] plaintext = ByteBuffer.allocate(Long.BYTES + body.length).putLong(expiresAt.getEpochSecond()).put(body).array();
            byte[] nonce = Randomness.bytes(NONCE_BYTES);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(purpose), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(purpose.label);
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return VERSION + ENCODER.encodeToString(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    <T> T unseal(Purpose purpose, String sealed, Class<T> type) throws SealException {
        byte[] in = bytes(sealed);
        if (in.length <= NONCE_BYTES + TAG_BITS / 8 + Long.BYTES) {
            throw new SealException(false);
        }
        byte[] plaintext;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(purpose), new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(purpose.label);
            plaintext = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
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
    static byte[] bytes(String sealed) throws SealException {
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

    private SecretKey key(Purpose purpose) {
        Keys current = keys();
        return purpose == Purpose.STATE ? current.state() : current.code();
    }

    private Keys keys() {
        byte[] master = secrets.requiredStateKey();
        Keys current = keys;
        if (current == null || !MessageDigest.isEqual(current.master(), master)) {
            current = new Keys(master, derive(master, Purpose.STATE.label), derive(master, Purpose.CODE.label));
            keys = current;
        }
        return current;
    }

    /** HKDF-SHA256 (RFC 5869): one independent AES key per purpose from the one configured secret. */
    static SecretKey derive(byte[] masterKey, byte[] label) {
        try {
            return KDF.getInstance("HKDF-SHA256").deriveKey("AES", HKDFParameterSpec.ofExtract()
                    .addIKM(masterKey).thenExpand(label, 32));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HKDF-SHA256 is not available", e);
        }
    }
}
