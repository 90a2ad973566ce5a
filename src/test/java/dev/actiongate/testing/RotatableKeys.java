package dev.actiongate.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import no.nav.security.mock.oauth2.token.KeyProvider;

import java.util.UUID;

/** The test identity provider's signing key, which a test can rotate the way a real provider does. */
final class RotatableKeys extends KeyProvider {

    private volatile RSAKey current = generate();

    @Override
    public JWK signingKey(String keyId) {
        return current;
    }

    RSAKey current() {
        return current;
    }

    void rotate() {
        current = generate();
    }

    static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
