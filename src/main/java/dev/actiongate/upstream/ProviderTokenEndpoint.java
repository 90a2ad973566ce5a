package dev.actiongate.upstream;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import dev.actiongate.config.IdpSettings;
import dev.actiongate.config.OutboundHttp;
import dev.actiongate.config.Secret;
import dev.actiongate.config.Secrets;
import dev.actiongate.telemetry.Metric;
import dev.actiongate.telemetry.Metrics;
import dev.actiongate.web.OAuthErrorCode;
import dev.actiongate.web.QueryString;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The provider's token endpoint: redeems a code (with the bridge's PKCE verifier) or a refresh token with
 * ActionGate's own client credentials, and reads the answer. What the GPT is told is the bridge's business.
 */
@Singleton
public final class ProviderTokenEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderTokenEndpoint.class);
    private static final int MAX_DESCRIPTION = 300;
    private static final Argument<Map<String, Object>> DOCUMENT = Argument.mapOf(String.class, Object.class);

    private final IdpSettings settings;
    private final Metrics metrics;
    private final Secrets secrets;
    private final ProviderDiscovery discovery;
    private final JsonMapper json;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;

    ProviderTokenEndpoint(IdpSettings settings, Secrets secrets, ProviderDiscovery discovery, JsonMapper json, OutboundHttp outbound, Clock clock,
                          Metrics metrics) {
        this.metrics = metrics;
        this.settings = settings;
        this.secrets = secrets;
        this.discovery = discovery;
        this.json = json;
        this.timeout = settings.httpTimeout();
        this.http = outbound.client(timeout);
        this.clock = clock;
    }

    /** RFC 6749 §4.1.3 with RFC 7636 §4.5. */
    public ProviderAnswer redeem(String code, String verifier, String callback) throws ProviderUnavailableException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", callback);
        form.put("code_verifier", verifier);
        return post(form);
    }

    /** RFC 6749 §6; {@code scope} in the provider's spelling, or none for the scope first granted. */
    public ProviderAnswer refresh(String refreshToken, Optional<String> scope) throws ProviderUnavailableException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        scope.ifPresent(asked -> form.put("scope", asked));
        return post(form);
    }

    /**
     * RFC 7009 §2.1: asks the provider to revoke a refresh token, authenticated as at its token endpoint.
     * Best effort: a provider without a revocation endpoint, or one that fails, is logged (never the token)
     * and the caller goes on; the bridge's own refusal is what stops the token's use through ActionGate.
     */
    public void revoke(String refreshToken) {
        ProviderMetadata provider;
        try {
            provider = discovery.metadata();
        } catch (IdentityProviderUnavailableException e) {
            LOG.warn("A refresh token was not revoked at the identity provider: its discovery document cannot be read");
            return;
        }
        if (provider.revocationEndpoint().isEmpty()) {
            LOG.debug("The identity provider names no revocation_endpoint; its refresh token stays valid there");
            return;
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", refreshToken);
        form.put("token_type_hint", "refresh_token");
        try {
            HttpResponse<String> response = send(provider, "revocation endpoint", provider.revocationEndpoint().get(), form);
            // RFC 7009 §2.2: 200 whether or not the token was still valid.
            if (response.statusCode() == 200) {
                LOG.info("A refresh token was revoked at the identity provider");
            } else {
                LOG.warn("The identity provider's revocation endpoint answered {}; the refresh token may stay valid there",
                        response.statusCode());
            }
        } catch (ProviderUnavailableException e) {
            LOG.warn("A refresh token was not revoked at the identity provider: {}", e.getMessage());
        }
    }

    private ProviderAnswer post(Map<String, String> form) throws ProviderUnavailableException {
        ProviderMetadata provider;
        try {
            provider = discovery.metadata();
        } catch (IdentityProviderUnavailableException e) {
            throw new ProviderUnavailableException(502, "The identity provider cannot be reached right now.");
        }
        URI endpoint = provider.tokenEndpoint().orElseThrow(() -> new IllegalStateException(
                "The identity provider names no token_endpoint; set actiongate.idp.token-endpoint"));
        settings.audienceParameter().ifPresent(name -> form.put(name, settings.audience()));
        HttpResponse<String> response = send(provider, "token endpoint", endpoint, form);
        return answer(response.statusCode(), response.body());
    }

    /** A form POST with ActionGate's own client credentials, the way the provider says it takes them. */
    private HttpResponse<String> send(ProviderMetadata provider, String name, URI endpoint, Map<String, String> form) throws ProviderUnavailableException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json");
        String clientId = settings.requiredClientId();
        Secret clientSecret = secrets.requiredIdpClientSecret();
        if (provider.acceptsBasicClientAuthentication()) {
            // RFC 6749 §2.3.1: both parts are form-encoded before they are joined and base64-encoded.
            String pair = QueryString.encode(clientId) + ":" + QueryString.encode(clientSecret.reveal());
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        } else {
            form.put("client_id", clientId);
            form.put("client_secret", clientSecret.reveal());
        }
        String body = QueryString.append("", form).substring(1);
        String dimension = name.startsWith("token") ? "token" : "revocation";
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            metrics.record(Metric.PROVIDER_LATENCY, (System.nanoTime() - started) / 1_000_000, dimension);
            if (response.statusCode() >= 500) {
                metrics.count(Metric.PROVIDER_ERROR, dimension);
            }
            return response;
        } catch (HttpTimeoutException e) {
            metrics.count(Metric.PROVIDER_ERROR, dimension);
            LOG.warn("The identity provider's {} did not answer within {}", name, timeout);
            throw new ProviderUnavailableException(504, "The identity provider did not answer in time.");
        } catch (IOException e) {
            metrics.count(Metric.PROVIDER_ERROR, dimension);
            LOG.warn("The identity provider's {} could not be reached: {}", name, e.getClass().getSimpleName());
            throw new ProviderUnavailableException(502, "The identity provider cannot be reached right now.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException(502, "The sign-in was interrupted.");
        }
    }

    private ProviderAnswer answer(int status, String body) throws ProviderUnavailableException {
        Map<String, Object> document = parse(body);
        if (status >= 500) {
            LOG.warn("The identity provider's token endpoint answered {}", status);
            throw new ProviderUnavailableException(502, "The identity provider is having problems right now.");
        }
        if (status >= 400) {
            Object code = document.get("error");
            String error = code instanceof String text && OAuthErrorCode.wellFormed(text) ? text : OAuthErrorCode.INVALID_GRANT.code();
            if (status == 401 || error.equals(OAuthErrorCode.INVALID_CLIENT.code())) {
                // The provider refused ActionGate's own credentials: not the GPT's fault, and telling the GPT
                // invalid_client would make it blame its own settings.
                LOG.error("The identity provider refused ActionGate's client credentials (HTTP {}): check actiongate.idp.client-id and client-secret", status);
                throw new ProviderUnavailableException(502,
                        "The identity provider refused ActionGate's own client credentials; an administrator must check them.");
            }
            String description = document.get("error_description") instanceof String text ? shorten(text)
                    : "The identity provider refused the request.";
            return new ProviderAnswer.Refused(status, error, description);
        }
        if (status != 200 || !(document.get("access_token") instanceof String accessToken) || accessToken.isEmpty()) {
            LOG.warn("The identity provider's token endpoint answered {} without an access token", status);
            throw new ProviderUnavailableException(502, "The identity provider gave an answer without an access token.");
        }
        String refreshToken = document.get("refresh_token") instanceof String fresh && !fresh.isEmpty() ? fresh : null;
        JWTClaimsSet claims = claims(accessToken);
        return new ProviderAnswer.Tokens(accessToken, expiresIn(document.get("expires_in"), claims), refreshToken,
                grantedScopes(document.get("scope"), claims));
    }

    /**
     * The provider's {@code scope} field, else the access token's own {@code scope} or {@code scp} claim. The
     * token is read without checking its signature: it came straight from the provider's token endpoint,
     * and what is read here only informs the client; the API checks every token it is shown.
     */
    private static Optional<Set<String>> grantedScopes(Object scopeField, JWTClaimsSet claims) {
        if (scopeField instanceof String granted) {
            return Optional.of(ScopeClaims.of(granted));
        }
        return claims == null || claims.getClaim("scope") == null && claims.getClaim("scp") == null ? Optional.empty()
                : Optional.of(ScopeClaims.of(claims.getClaims()));
    }

    /** An integer, as ChatGPT needs; providers send numbers, strings, or nothing (then the JWT's exp tells). */
    private Long expiresIn(Object value, JWTClaimsSet claims) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String text && text.matches("[0-9]{1,9}(\\.[0-9]+)?")) {
            return (long) Double.parseDouble(text);
        }
        if (claims == null || claims.getExpirationTime() == null) {
            return null;
        }
        return Math.max(0, claims.getExpirationTime().toInstant().getEpochSecond() - clock.instant().getEpochSecond());
    }

    /** The access token's claims when it is a JWT; opaque tokens have none. */
    private static JWTClaimsSet claims(String accessToken) {
        try {
            return JWTParser.parse(accessToken).getJWTClaimsSet();
        } catch (ParseException e) {
            return null;
        }
    }

    private Map<String, Object> parse(String body) {
        if (body == null || body.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, Object> document = json.readValue(body, DOCUMENT);
            return document == null ? Map.of() : document;
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }

    private static String shorten(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7E]", " ");
        return printable.length() <= MAX_DESCRIPTION ? printable : printable.substring(0, MAX_DESCRIPTION);
    }
}
