package dev.actiongate.oauth.clients;

import dev.actiongate.config.ClientSettings;
import dev.actiongate.web.OAuthProblem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Clients identified by a Client ID Metadata Document (MCP 2025-11-25 "Client ID Metadata Documents";
 * draft-ietf-oauth-client-id-metadata-document): the {@code client_id} is the HTTPS URL of a JSON document
 * that names the client and its redirect URIs. Fetched through {@link DocumentFetch}; a good document is
 * kept as its cache headers allow, at most {@link #MAX_AGE} and {@link #MAX_ENTRIES} of them; a failure never is.
 */
@Singleton
final class MetadataDocuments {

    static final int MAX_ENTRIES = 100;
    static final Duration MAX_AGE = Duration.ofHours(1);
    /** Without a max-age a document is kept briefly: sign-ins are rare, and the publisher gave no word. */
    static final Duration DEFAULT_AGE = Duration.ofMinutes(5);
    static final int MAX_NAME = 100;
    private static final int MAX_URL = 2048;
    private static final Pattern MAX_AGE_DIRECTIVE = Pattern.compile("(?:^|[,\\s])max-age\\s*=\\s*\"?([0-9]{1,10})");
    private static final Argument<Map<String, Object>> JSON_OBJECT = Argument.mapOf(String.class, Object.class);
    private static final Logger LOG = LoggerFactory.getLogger(MetadataDocuments.class);

    private final DocumentFetch fetch;
    private final ClientPolicy policy;
    private final JsonMapper json;
    private final Clock clock;
    private final Map<String, Cached> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    private record Cached(Client client, Instant until) {
    }

    MetadataDocuments(DocumentFetch fetch, ClientPolicy policy, JsonMapper json, Clock clock) {
        this.fetch = fetch;
        this.policy = policy;
        this.json = json;
        this.clock = clock;
    }

    /** Whether this client_id is to be read as a document URL: it says it is one. */
    static boolean isDocumentUrl(String clientId) {
        String lower = clientId.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://");
    }

    Client find(String url, boolean localRun) throws OAuthProblem {
        URI uri = checkedUrl(url, localRun);
        // The local run serves its test documents on loopback; a deployment's policy is its settings.
        if (!(localRun && LoopbackRedirects.isLoopbackHost(uri.getHost())) && !policy.allowsDocument(url)) {
            LOG.info("Client metadata document {} refused: not allowed by {}", url, ClientSettings.METADATA_DOCUMENTS);
            throw OAuthProblem.invalidRequest("This client's metadata document is not one ActionGate lets sign in ("
                    + ClientSettings.METADATA_DOCUMENTS + ").");
        }
        Instant now = clock.instant();
        synchronized (cache) {
            Cached cached = cache.get(url);
            if (cached != null && now.isBefore(cached.until())) {
                return cached.client();
            }
        }
        try {
            DocumentFetch.Fetched fetched = fetch.fetch(uri, localRun);
            Client client = client(url, uri, fetched.body());
            Duration age = age(fetched.cacheControl());
            if (!age.isZero()) {
                synchronized (cache) {
                    cache.put(url, new Cached(client, now.plus(age)));
                }
            }
            return client;
        } catch (DocumentRefused refused) {
            LOG.info("Client metadata document {} refused: {}", url, refused.reason());
            throw OAuthProblem.invalidRequest("The client's metadata document at " + uri.getHost() + " cannot be used: "
                    + refused.reason() + ".");
        }
    }

    /**
     * draft-ietf-oauth-client-id-metadata-document §3: https, a path, no fragment, no userinfo, no dot-segment
     * (in any spelling, since a server may decode %2e); compared later as a plain string, never normalized.
     */
    private static URI checkedUrl(String url, boolean localRun) throws OAuthProblem {
        URI uri;
        try {
            uri = url.length() > MAX_URL ? null : new URI(url);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null) {
            throw badUrl("it is not a URL");
        }
        boolean https = url.startsWith("https://");
        if (!https && !(localRun && url.startsWith("http://") && LoopbackRedirects.isLoopbackHost(uri.getHost()))) {
            throw badUrl("it is not https");
        }
        if (uri.getRawUserInfo() != null || uri.getRawAuthority().contains("@")) {
            throw badUrl("it has userinfo");
        }
        if (uri.getRawFragment() != null || url.contains("#")) {
            throw badUrl("it has a fragment");
        }
        String path = uri.getRawPath();
        if (path == null || path.length() < 2) {
            throw badUrl("it has no path");
        }
        for (String segment : path.split("/", -1)) {
            String dots = segment.toLowerCase(Locale.ROOT).replace("%2e", ".");
            if (dots.equals(".") || dots.equals("..")) {
                throw badUrl("it has a dot-segment");
            }
        }
        if (path.contains("\\") || path.toLowerCase(Locale.ROOT).contains("%2f") || path.toLowerCase(Locale.ROOT).contains("%5c")) {
            throw badUrl("its path has an encoded separator");
        }
        return uri;
    }

    private static OAuthProblem badUrl(String why) {
        // The URL itself stays out of the line: it is not one, and may hold anything.
        LOG.info("Client metadata document URL refused: {}", why);
        return OAuthProblem.invalidRequest("The client_id is not a usable metadata document URL: " + why + ".");
    }

    private Client client(String url, URI uri, byte[] body) throws DocumentRefused {
        Map<String, Object> document;
        try {
            document = json.readValue(body, JSON_OBJECT);
        } catch (IOException | RuntimeException e) {
            document = null;
        }
        if (document == null) {
            throw new DocumentRefused("it is not a JSON object");
        }
        // §4.1: the document's client_id must be the URL it was fetched from, character for character.
        if (!url.equals(document.get("client_id"))) {
            throw new DocumentRefused("its client_id is not the URL it was fetched from");
        }
        List<String> redirectUris = strings(document.get("redirect_uris"));
        if (redirectUris == null || redirectUris.isEmpty()) {
            throw new DocumentRefused("it lists no redirect_uris");
        }
        publicClient(document);
        Object name = document.get("client_name");
        String clientName = name instanceof String text && !text.isBlank() ? shortened(text.strip()) : null;
        return new Client(url, Client.Kind.METADATA_DOCUMENT, clientName, redirectUris, uri.getHost().toLowerCase(Locale.ROOT));
    }

    /**
     * ActionGate takes only public clients, which prove themselves with PKCE (OAuth 2.1 §2.1). A document that
     * prefers another method but also offers {@code none} in {@code token_endpoint_auth_methods_supported}
     * (ChatGPT's prefers private_key_jwt) is taken as a public client; one that needs a secret or a key is refused.
     */
    private static void publicClient(Map<String, Object> document) throws DocumentRefused {
        Object method = document.get("token_endpoint_auth_method");
        if (method == null || "none".equals(method)) {
            return;
        }
        List<String> supported = strings(document.get("token_endpoint_auth_methods_supported"));
        if (supported != null && supported.contains("none")) {
            return;
        }
        String named = method instanceof String text && text.matches("[a-z_]{1,40}") ? text : "another method";
        throw new DocumentRefused("it authenticates with " + named
                + ", and ActionGate signs in only public clients (token_endpoint_auth_method none, with PKCE)");
    }

    private static @Nullable List<String> strings(Object value) {
        if (!(value instanceof List<?> list)) {
            return null;
        }
        List<String> strings = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String text)) {
                return null;
            }
            strings.add(text);
        }
        return strings;
    }

    private static String shortened(String name) {
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
    }

    /** RFC 9111 §5.2.2: no-store and no-cache keep nothing; max-age within {@link #MAX_AGE}. */
    static Duration age(@Nullable String cacheControl) {
        if (cacheControl == null) {
            return DEFAULT_AGE;
        }
        String lower = cacheControl.toLowerCase(Locale.ROOT);
        if (lower.contains("no-store") || lower.contains("no-cache")) {
            return Duration.ZERO;
        }
        Matcher maxAge = MAX_AGE_DIRECTIVE.matcher(lower);
        if (maxAge.find()) {
            long seconds = Long.parseLong(maxAge.group(1));
            return Duration.ofSeconds(Math.min(seconds, MAX_AGE.toSeconds()));
        }
        return DEFAULT_AGE;
    }
}
