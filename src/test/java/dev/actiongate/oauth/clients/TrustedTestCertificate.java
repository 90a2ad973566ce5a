package dev.actiongate.oauth.clients;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

/** TLS that trusts the certificates of the PKCS12 store {@code actiongate.test.document-trust} names (password {@code changeit}), and only those. */
@Singleton
@Replaces(SystemDocumentTls.class)
@Requires(property = "actiongate.test.document-trust")
final class TrustedTestCertificate implements DocumentTls {

    private final SSLContext context;

    TrustedTestCertificate(@Property(name = "actiongate.test.document-trust") String store) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(store))) {
            trusted.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
    }

    @Override
    public SSLContext context() {
        return context;
    }
}
