package dev.actiongate.oauth.sealing;

import dev.actiongate.config.Secrets;
import dev.actiongate.security.Randomness;
import jakarta.inject.Singleton;

import javax.crypto.Cipher;
import javax.crypto.KDF;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.HKDFParameterSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Every key the bridge uses, derived from the one {@code actiongate.state-key} with HKDF-SHA256 (RFC 5869),
 * one independent key per purpose, and AES-256-GCM with a fresh 96-bit nonce per message (NIST SP 800-38D).
 * The derived keys are kept until the state key changes (a secret refreshed after a SnapStart restore).
 */
@Singleton
public final class StateKeyCrypto {

    /** What a key is for; the labels are part of every sealed value and stored id, so they never change. */
    public enum Purpose {
        STATE("actiongate/oauth-state/v1"),
        CODE("actiongate/oauth-code/v1"),
        REPLAY_ID("actiongate/replay-id/v1"),
        REPLAY_CODE_ID("actiongate/replay-code-id/v1"),
        REPLAY_ANSWER("actiongate/replay-answer/v1"),
        CALLBACK_ID("actiongate/callback-id/v1"),
        CLIENT("actiongate/oauth-client/v1"),
        CONSENT_TICKET("actiongate/consent-ticket/v1"),
        CONSENT_NONCE("actiongate/consent-nonce/v1"),
        REMEMBERED_CONSENT("actiongate/remembered-consent/v1"),
        REFRESH_TOKEN("actiongate/oauth-refresh/v1"),
        REFRESH_FAMILY_ID("actiongate/refresh-family-id/v1"),
        REFRESH_GENERATION("actiongate/refresh-generation/v1"),
        ADMIN_SIGN_IN("actiongate/admin-sign-in/v1"),
        ADMIN_SESSION("actiongate/admin-session/v1");

        private final byte[] label;

        Purpose(String label) {
            this.label = label.getBytes(StandardCharsets.US_ASCII);
        }

        public byte[] label() {
            return label.clone();
        }
    }

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private record Keys(byte[] master, Map<Purpose, SecretKey> derived) {
    }

    private final Secrets secrets;
    private volatile Keys keys;

    public StateKeyCrypto(Secrets secrets) {
        this.secrets = secrets;
        keys();
    }

    /** The key for a purpose: HKDF of the state key with the purpose's label. */
    public SecretKey key(Purpose purpose) {
        return keys().derived().get(purpose);
    }

    /** A key only someone holding both {@code material} and the state key can derive (HKDF salted with the state key). */
    public SecretKey keyFrom(byte[] material, Purpose purpose) {
        try {
            return KDF.getInstance("HKDF-SHA256").deriveKey("AES", HKDFParameterSpec.ofExtract()
                    .addIKM(material).addSalt(master()).thenExpand(purpose.label, 32));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HKDF-SHA256 is not available", e);
        }
    }

    /** An id for a secret value that reveals nothing of it: HMAC-SHA256 under the purpose's key, in hex. */
    public String id(Purpose purpose, byte[] value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key(purpose));
            return HexFormat.of().formatHex(mac.doFinal(value));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** AES-GCM: the nonce, then the ciphertext with its tag; {@code aad} is authenticated, not encrypted. */
    public static byte[] encrypt(SecretKey key, byte[] aad, byte[] plaintext) {
        try {
            byte[] nonce = Randomness.bytes(NONCE_BYTES);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The plaintext of {@link #encrypt}, or an exception when the key, the aad or a byte differs. */
    public static byte[] decrypt(SecretKey key, byte[] aad, byte[] sealed) throws GeneralSecurityException {
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new GeneralSecurityException("too short");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
        cipher.updateAAD(aad);
        return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    }

    /** The bytes of the smallest sealed message: nonce and tag around an empty plaintext. */
    public static int overhead() {
        return NONCE_BYTES + TAG_BITS / 8;
    }

    private byte[] master() {
        return secrets.requiredStateKey();
    }

    private Keys keys() {
        byte[] master = master();
        Keys current = keys;
        if (current == null || !MessageDigest.isEqual(current.master(), master)) {
            Map<Purpose, SecretKey> derived = new EnumMap<>(Purpose.class);
            for (Purpose purpose : Purpose.values()) {
                derived.put(purpose, derive(master, purpose.label));
            }
            current = new Keys(master, derived);
            keys = current;
        }
        return current;
    }

    private static SecretKey derive(byte[] masterKey, byte[] label) {
        try {
            return KDF.getInstance("HKDF-SHA256").deriveKey("AES", HKDFParameterSpec.ofExtract()
                    .addIKM(masterKey).thenExpand(label, 32));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HKDF-SHA256 is not available", e);
        }
    }
}
