package dev.actiongate.oauth.clients;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.actiongate.testing.ChatGptAndBrowser;
import dev.actiongate.testing.Gates;
import dev.actiongate.testing.HttpTransport;
import dev.actiongate.testing.TestIdentityProvider;
import dev.actiongate.testing.Transport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The metadata document's TLS: the connection goes to the checked address, and the certificate must still name
 * the URL's host (SNI and endpoint identification). Two HTTPS servers on loopback, with certificates made here
 * by keytool: one for localhost and 127.0.0.1, one for another name.
 */
class MetadataDocumentTlsTest {

    private static final String CHALLENGE = PublicSignIn.CHALLENGE;

    private static Path directory;
    private static HttpsServer forLocalhost;
    private static HttpsServer forAnotherName;

    @RegisterExtension
    static final Gates gates = Gates.withProvider()
            .with("actiongate.test.names", "localhost=127.0.0.1")
            .with("actiongate.test.document-trust", () -> directory.resolve("trusted.p12").toString());

    private final TestIdentityProvider idp = gates.provider();
    private final HttpTransport gate = gates.http();

    @BeforeAll
    static void serveDocumentsOverTls() throws Exception {
        directory = Files.createTempDirectory("document-tls");
        keytool("localhost", "dns:localhost,ip:127.0.0.1", "localhost.p12");
        keytool("other.example", "dns:other.example", "other.p12");
        // One store trusts both certificates: only the host name can make the second one fail.
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("localhost", load("localhost.p12").getCertificate("doc"));
        trusted.setCertificateEntry("other", load("other.p12").getCertificate("doc"));
        try (OutputStream out = Files.newOutputStream(directory.resolve("trusted.p12"))) {
            trusted.store(out, "changeit".toCharArray());
        }
        forLocalhost = server("localhost.p12");
        forAnotherName = server("other.p12");
    }

    @AfterAll
    static void stop() {
        forLocalhost.stop(0);
        forAnotherName.stop(0);
    }

    private static void keytool(String name, String subjectAlternativeNames, String file) throws Exception {
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "doc", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "SAN=" + subjectAlternativeNames, "-validity", "2", "-keystore", directory.resolve(file).toString(),
                "-storetype", "PKCS12", "-storepass", "changeit").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, keytool.waitFor(), output);
    }

    private static KeyStore load(String file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(directory.resolve(file))) {
            store.load(in, "changeit".toCharArray());
        }
        return store;
    }

    private static HttpsServer server(String keyStore) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(keyStore), "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            String host = exchange.getRequestHeaders().getFirst("Host");
            String self = "https://" + host + exchange.getRequestURI().getPath();
            byte[] body = ("{\"client_id\":\"" + self + "\",\"client_name\":\"TLS client\",\"redirect_uris\":[\"http://127.0.0.1/callback\"]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    private Transport.Answer authorize(String clientId) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", clientId);
        query.put("redirect_uri", "http://127.0.0.1:4321/callback");
        query.put("state", "tls");
        query.put("code_challenge", CHALLENGE);
        query.put("code_challenge_method", "S256");
        return gate.get("/authorize?" + ChatGptAndBrowser.form(query), Map.of("accept", "text/html"));
    }

    @Test
    void aDocumentOverTlsWhoseCertificateNamesTheHostIsRead() {
        for (String host : new String[]{"localhost", "127.0.0.1"}) {
            Transport.Answer answer = authorize("https://" + host + ":" + forLocalhost.getAddress().getPort() + "/client.json");

            // Read and accepted: the person is asked about the client the document describes.
            assertEquals(200, answer.status(), host + ": " + answer.body());
            assertTrue(answer.body().contains("Allow <strong>TLS client</strong>") && answer.body().contains("Described by <strong>" + host),
                    answer.body());
        }
    }

    @Test
    void aTrustedCertificateForAnotherNameIsRefused() throws IOException {
        Transport.Answer answer = authorize("https://localhost:" + forAnotherName.getAddress().getPort() + "/client.json");

        assertEquals(400, answer.status(), answer.body());
        assertNull(answer.header("location"));
        assertTrue(answer.body().contains("it could not be fetched (SSLHandshakeException)"), answer.body());
    }
}
