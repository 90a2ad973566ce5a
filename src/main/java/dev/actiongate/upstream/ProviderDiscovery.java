package dev.actiongate.upstream;

import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import dev.actiongate.config.FunctionRole;
import dev.actiongate.config.IdpSettings;
import dev.actiongate.config.SecretParameter;
import dev.actiongate.config.Setting;
import dev.actiongate.telemetry.Metrics;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the provider's discovery document once and keeps it. Nothing is fetched while the application
 * starts; the first caller pays, and a failure is retried by the next caller rather than cached.
 */
@Singleton
public final class ProviderDiscovery {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderDiscovery.class);
    private static final int MAX_DOCUMENT_BYTES = 256 * 1024;

    private static final Argument<Map<String, Object>> DOCUMENT = Argument.mapOf(String.class, Object.class);

    private final IdpSettings settings;
    private final JsonMapper json;
    private final FunctionRole role;
    /** The key set's retriever (IssuerKeys); the discovery document has its own, counted as discovery. */
    private final ResourceRetriever retriever;
    private final ResourceRetriever documents;
    private volatile ProviderMetadata metadata;

    ProviderDiscovery(IdpSettings settings, FunctionRole role, JsonMapper json, Metrics metrics) {
        this.settings = settings;
        this.json = json;
        this.role = role;
        int timeout = (int) settings.httpTimeout().toMillis();
        // Disconnect after use: these calls are rare (start-up, key rotation), and no kept-alive socket
        // may end up in a SnapStart snapshot, shared by every copy restored from it.
        ResourceRetriever plain = new DefaultResourceRetriever(timeout, timeout, MAX_DOCUMENT_BYTES, true);
        this.retriever = new TimedRetriever(plain, metrics, "jwks");
        this.documents = new TimedRetriever(plain, metrics, "discovery");
    }

    public ResourceRetriever retriever() {
        return retriever;
    }

    public ProviderMetadata metadata() {
        ProviderMetadata known = metadata;
        if (known == null) {
            synchronized (this) {
                known = metadata;
                if (known == null) {
                    known = (explicitEnough() ? explicit() : discover())
                            .overriddenBy(settings.jwksUrl(), settings.authorizationEndpoint(), settings.tokenEndpoint());
                    metadata = known;
                }
            }
        }
        return known;
    }

    /** Discovery is skipped only when settings name every endpoint this function uses. */
    private boolean explicitEnough() {
        return settings.jwksUrl().isPresent() && (!role.serves(SecretParameter.Function.OAUTH)
                || settings.authorizationEndpoint().isPresent() && settings.tokenEndpoint().isPresent());
    }

    private ProviderMetadata explicit() {
        return ProviderMetadata.of(settings.issuer().toString(), settings.jwksUrl().orElseThrow());
    }

    private ProviderMetadata discover() {
        String issuer = settings.issuer().toString();
        URI location = URI.create(Setting.withoutTrailingSlash(issuer) + "/.well-known/openid-configuration");
        Map<String, Object> document;
        try {
            Resource resource = documents.retrieveResource(location.toURL());
            document = json.readValue(resource.getContent(), DOCUMENT);
            if (document == null) {
                throw new IOException("not a JSON object");
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("OpenID discovery at {} failed: {}", location, e.getClass().getSimpleName());
            throw new IdentityProviderUnavailableException("The identity provider's discovery document at " + location
                    + " could not be read.");
        }
        String announced = string(document, "issuer").orElse("");
        // OpenID Connect Discovery 1.0 §4.3: the document must name the issuer it was fetched for.
        if (!Setting.withoutTrailingSlash(announced).equals(Setting.withoutTrailingSlash(issuer))) {
            throw new IdentityProviderUnavailableException("The discovery document at " + location
                    + " names issuer " + announced + ", not " + issuer + ".");
        }
        URI jwks = uri(document, "jwks_uri").orElseThrow(() -> new IdentityProviderUnavailableException(
                "The discovery document at " + location + " has no jwks_uri."));
        Optional<URI> authorization = uri(document, "authorization_endpoint");
        Optional<URI> token = uri(document, "token_endpoint");
        requireHttps(location, "jwks_uri", Optional.of(jwks), settings.jwksUrl(), "jwks-url");
        requireHttps(location, "authorization_endpoint", authorization, settings.authorizationEndpoint(), "authorization-endpoint");
        requireHttps(location, "token_endpoint", token, settings.tokenEndpoint(), "token-endpoint");
        LOG.info("Identity provider {} discovered", issuer);
        List<String> authMethods = document.get("token_endpoint_auth_methods_supported") instanceof List<?> methods
                ? methods.stream().map(String::valueOf).toList() : List.of();
        // RFC 9207 §3: a provider that says so puts iss in every authorization response; the callback then checks it.
        boolean issParameter = Boolean.TRUE.equals(document.get("authorization_response_iss_parameter_supported"));
        Optional<URI> revocation = uri(document, "revocation_endpoint").filter(this::httpsOrLocal);
        return new ProviderMetadata(announced, jwks, authorization, token, authMethods, issParameter, revocation);
    }

    /**
     * The key set, the client secret and every code travel through these endpoints, so each must be
     * https (RFC 6749 §3.1 and §3.2, OpenID Connect Discovery 1.0 §3). Plain http only where nothing
     * leaves the machine: a loopback endpoint named by a loopback issuer (a provider run locally). One
     * the settings name instead is not used, so not checked (settings are checked as settings).
     */
    private void requireHttps(URI location, String name, Optional<URI> discovered, Optional<URI> configured, String setting) {
        if (discovered.isEmpty() || configured.isPresent()) {
            return;
        }
        if (!httpsOrLocal(discovered.get())) {
            String problem = "The discovery document at " + location + " names a " + name + " that is not an https:// URL;"
                    + " correct it at the provider or set " + IdpSettings.PREFIX + "." + setting;
            LOG.warn("{}", problem);
            throw new IdentityProviderUnavailableException(problem + ".");
        }
    }

    private boolean httpsOrLocal(URI endpoint) {
        String scheme = String.valueOf(endpoint.getScheme()).toLowerCase(Locale.ROOT);
        String host = endpoint.getHost();
        boolean local = scheme.equals("http") && host != null && Setting.isLoopback(host)
                && Setting.isLoopback(settings.issuer().getHost());
        return scheme.equals("https") && host != null || local;
    }

    private static Optional<String> string(Map<String, Object> document, String name) {
        return document.get(name) instanceof String value ? Optional.of(value) : Optional.empty();
    }

    private static Optional<URI> uri(Map<String, Object> document, String name) {
        try {
            return string(document, name).isPresent() ? Optional.of(new URI(string(document, name).get())) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
