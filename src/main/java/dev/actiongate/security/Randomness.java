package dev.actiongate.security;

import java.security.SecureRandom;

/**
 * Random bytes for nonces, PKCE verifiers and keys. A generator is made for each use rather than kept:
 * with SnapStart every restored copy of a snapshot would otherwise start from the same generator state.
 */
public final class Randomness {

    private Randomness() {
    }

    public static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
