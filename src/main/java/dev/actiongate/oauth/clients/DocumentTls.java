package dev.actiongate.oauth.clients;

import javax.net.ssl.SSLContext;

/** The TLS that Client ID Metadata Documents are fetched with: the JVM's trust store; a bean so a test can trust its own certificate. */
public interface DocumentTls {

    SSLContext context();
}
