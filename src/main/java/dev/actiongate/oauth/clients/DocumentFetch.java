package dev.actiongate.oauth.clients;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One guarded GET of a Client ID Metadata Document (draft-ietf-oauth-client-id-metadata-document §6.6 and
 * §4): HTTPS only, the name resolved once and every address it has checked against RFC 6890, the socket
 * opened to the checked address (so a rebinding name cannot swap it), TLS verifying the certificate for the
 * URL's host, no redirect followed, 200 or nothing, at most {@link #MAX_BYTES} read within {@link #DEADLINE}.
 * A tiny HTTP/1.1 client, because the JDK's would resolve the name again.
 */
@Singleton
final class DocumentFetch {

    static final int MAX_BYTES = 5 * 1024;
    static final Duration DEADLINE = Duration.ofSeconds(3);
    private static final int MAX_HEAD = 8 * 1024;

    /** What a 200 answer held. */
    record Fetched(byte[] body, @Nullable String cacheControl) {
    }

    private final NameResolver names;
    private final DocumentTls tls;

    DocumentFetch(NameResolver names, DocumentTls tls) {
        this.names = names;
        this.tls = tls;
    }

    /** @param localRun ActionGate itself runs on loopback: loopback hosts, and plain http to them, are allowed */
    Fetched fetch(URI url, boolean localRun) throws DocumentRefused {
        String host = url.getHost();
        boolean https = url.getScheme().equals("https");
        if (!https && !localRun) {
            throw new DocumentRefused("its URL is not https");
        }
        InetAddress address = checkedAddress(host, localRun);
        if (!https && !SpecialUseAddresses.isLoopback(address)) {
            throw new DocumentRefused("its URL is not https");
        }
        int port = url.getPort() >= 0 ? url.getPort() : https ? 443 : 80;
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(address, port), remainingMillis(deadline));
            Socket socket = https ? tls(plain, host, port, deadline) : plain;
            try {
                return exchange(socket, url, port, deadline);
            } finally {
                socket.close();
            }
        } catch (SocketTimeoutException e) {
            throw new DocumentRefused("it did not arrive within " + DEADLINE.toSeconds() + " seconds");
        } catch (IOException e) {
            throw new DocumentRefused("it could not be fetched (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** RFC 6890: every address the name has must be fit to call, so the one connected to is too. */
    private InetAddress checkedAddress(String host, boolean localRun) throws DocumentRefused {
        InetAddress[] addresses;
        try {
            addresses = names.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw new DocumentRefused("its host name does not resolve");
        }
        if (addresses.length == 0) {
            throw new DocumentRefused("its host name does not resolve");
        }
        for (InetAddress address : addresses) {
            if (SpecialUseAddresses.isSpecialUse(address) && !(localRun && SpecialUseAddresses.isLoopback(address))) {
                throw new DocumentRefused("its host is a special-use address (private, loopback, link-local or reserved), which ActionGate does not call");
            }
        }
        return addresses[0];
    }

    private SSLSocket tls(Socket plain, String host, int port, long deadline) throws IOException {
        SSLSocket socket = (SSLSocket) tls.context().getSocketFactory().createSocket(plain, host, port, true);
        SSLParameters parameters = socket.getSSLParameters();
        // RFC 6125 via the JDK: the certificate must name the URL's host, whatever address was connected to.
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        // RFC 6066 §3: SNI carries names only, never an address literal.
        if (!host.startsWith("[") && !host.matches("[0-9.]+")) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(remainingMillis(deadline));
        socket.startHandshake();
        return socket;
    }

    private static Fetched exchange(Socket socket, URI url, int port, long deadline) throws IOException, DocumentRefused {
        String target = (url.getRawPath().isEmpty() ? "/" : url.getRawPath()) + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        boolean defaultPort = url.getPort() < 0;
        String request = "GET " + target + " HTTP/1.1\r\nHost: " + url.getHost() + (defaultPort ? "" : ":" + port)
                + "\r\nAccept: application/json\r\nUser-Agent: ActionGate\r\nConnection: close\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Reader in = new Reader(socket, deadline);
        String statusLine = in.line();
        String[] status = statusLine.split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.") || !status[1].matches("[0-9]{3}")) {
            throw new DocumentRefused("its server did not answer in HTTP/1.1");
        }
        int code = Integer.parseInt(status[1]);
        long length = -1;
        boolean chunked = false;
        String cacheControl = null;
        for (String line = in.line(); !line.isEmpty(); line = in.line()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = value.matches("[0-9]{1,12}") ? Long.parseLong(value) : -2;
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "cache-control" -> cacheControl = cacheControl == null ? value : cacheControl + "," + value;
                default -> {
                }
            }
        }
        if (code >= 300 && code < 400) {
            // draft-ietf-oauth-client-id-metadata-document §4: the document is at the client_id itself, not elsewhere.
            throw new DocumentRefused("its URL answered with a redirect (HTTP " + code + "), which ActionGate does not follow");
        }
        if (code != 200) {
            throw new DocumentRefused("its URL answered HTTP " + code);
        }
        if (length == -2) {
            throw new DocumentRefused("its server sent an unreadable Content-Length");
        }
        if (length > MAX_BYTES) {
            throw tooLarge();
        }
        byte[] body = chunked ? in.chunked() : length >= 0 ? in.exactly((int) length) : in.rest();
        return new Fetched(body, cacheControl);
    }

    private static DocumentRefused tooLarge() {
        return new DocumentRefused("it is larger than the " + MAX_BYTES / 1024 + " KB ActionGate reads");
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException();
        }
        return (int) left;
    }

    /** Reads within the deadline, never more than the caps. */
    private static final class Reader {
        private final Socket socket;
        private final InputStream in;
        private final long deadline;
        private int headBytes;

        Reader(Socket socket, long deadline) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.deadline = deadline;
        }

        private int read() throws IOException {
            socket.setSoTimeout(remainingMillis(deadline));
            return in.read();
        }

        String line() throws IOException, DocumentRefused {
            StringBuilder line = new StringBuilder();
            for (int c = read(); c != '\n'; c = read()) {
                if (c < 0) {
                    throw new DocumentRefused("its server closed the connection early");
                }
                if (++headBytes > MAX_HEAD) {
                    throw new DocumentRefused("its server sent oversized headers");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        byte[] exactly(int length) throws IOException, DocumentRefused {
            byte[] body = new byte[length];
            int done = 0;
            while (done < length) {
                socket.setSoTimeout(remainingMillis(deadline));
                int n = in.read(body, done, length - done);
                if (n < 0) {
                    throw new DocumentRefused("its server closed the connection early");
                }
                done += n;
            }
            return body;
        }

        byte[] rest() throws IOException, DocumentRefused {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            byte[] buffer = new byte[1024];
            while (true) {
                socket.setSoTimeout(remainingMillis(deadline));
                int n = in.read(buffer);
                if (n < 0) {
                    return body.toByteArray();
                }
                body.write(buffer, 0, n);
                if (body.size() > MAX_BYTES) {
                    throw tooLarge();
                }
            }
        }

        /** RFC 9112 §7.1. */
        byte[] chunked() throws IOException, DocumentRefused {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = line();
                int semicolon = size.indexOf(';');
                String hex = (semicolon < 0 ? size : size.substring(0, semicolon)).trim();
                if (!hex.matches("[0-9A-Fa-f]{1,8}")) {
                    throw new DocumentRefused("its server sent a malformed chunk");
                }
                long length = Long.parseLong(hex, 16);
                if (length == 0) {
                    return body.toByteArray();
                }
                if (body.size() + length > MAX_BYTES) {
                    throw tooLarge();
                }
                body.write(exactly((int) length));
                line();
            }
        }
    }
}
