package dev.actiongate.oauth.clients;

import jakarta.inject.Singleton;

import javax.net.ssl.SSLContext;
import java.security.NoSuchAlgorithmException;

/** The JVM's default TLS context and trust store. */
@Singleton
final class SystemDocumentTls implements DocumentTls {

    @Override
    public SSLContext context() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JVM offers no TLS", e);
        }
    }
}
