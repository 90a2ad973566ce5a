package dev.actiongate.oauth;

import dev.actiongate.oauth.sealing.SealException;
import dev.actiongate.oauth.sealing.Sealer;

import java.nio.charset.StandardCharsets;

/**
 * A code or refresh token presented at {@code /token}, with what identifies it in the replay table: a
 * sealed code by the bytes it spells, so that however it is written it is one grant; a refresh token,
 * opaque to the bridge, by its text.
 */
final class Grant {

    enum Kind {
        CODE,
        REFRESH_TOKEN
    }

    private final Kind kind;
    private final String value;
    private final byte[] identity;

    private Grant(Kind kind, String value, byte[] identity) {
        this.kind = kind;
        this.value = value;
        this.identity = identity;
    }

    /** A sealed code in its one accepted spelling (see {@link Sealer#bytes}). */
    static Grant code(String sealed) throws SealException {
        return new Grant(Kind.CODE, sealed, Sealer.bytes(sealed));
    }

    static Grant refreshToken(String token) {
        return new Grant(Kind.REFRESH_TOKEN, token, token.getBytes(StandardCharsets.UTF_8));
    }

    Kind kind() {
        return kind;
    }

    /** The grant as the client sent it. */
    String value() {
        return value;
    }

    byte[] identity() {
        return identity.clone();
    }

    @Override
    public String toString() {
        return kind.name();
    }
}
