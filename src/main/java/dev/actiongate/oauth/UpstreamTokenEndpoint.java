package dev.actiongate.oauth;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import dev.actiongate.config.IdpSettings;
import dev.actiongate.config.Secret;
import dev.actiongate.config.Secrets;
import dev.actiongate.upstream.IdentityProviderUnavailableException;
import dev.actiongate.upstream.ProviderDiscovery;
import dev.actiongate.upstream.ProviderMetadata;
import dev.actiongate.security.ApiScopes;
import dev.actiongate.security.Scopes;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The provider's token endpoint: redeems a code (with our PKCE verifier) or a refresh token with
 * ActionGate's own client credentials, and turns the answer into what {@code /token} gives the GPT.
 */
@Singleton
final class UpstreamTokenEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamTokenEndpoint.class);
    private static final Pattern ERROR_CODE = Pattern.compile("[\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]{1,64}");
    private static final int MAX_DESCRIPTION = 300;

    private final IdpSettings settings;
    private final Secrets secrets;
    private final ProviderDiscovery discovery;
    private final ApiScopes scopes;
    private final ObjectMapper json;
    private final HttpClient http;
    private final Duration timeout;

    UpstreamTokenEndpoint(IdpSettings settings, Secrets secrets, ProviderDiscovery discovery, ApiScopes scopes, ObjectMapper json) {
        this.settings = settings;
        this.secrets = secrets;
        this.discovery = discovery;
        this.scopes = scopes;
        this.json = json;
        this.timeout = settings.httpTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    TokenAnswer redeem(IssuedCode code) throws UpstreamUnavailableException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code.upstreamCode());
        form.put("redirect_uri", code.callback());
        form.put("code_verifier", code.verifier());
        return post(form, code.scope(), names(code.scope())::contains, null);
    }

    /**
     * A refresh that names no scope asks for the scope first granted (RFC 6749 §6), which ActionGate does not
     * keep: its answer then reports the API scopes alone, not guessing which of the provider's scopes the GPT
     * once asked for.
     */
    TokenAnswer refresh(String refreshToken, Optional<String> scope) throws UpstreamUnavailableException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        scope.ifPresent(asked -> form.put("scope", scopes.upstream(asked)));
        Predicate<String> askedFor = scope.isPresent() ? names(scope.get())::contains : asked -> false;
        return post(form, scope.orElse(null), askedFor, refreshToken);
    }

    private TokenAnswer post(Map<String, String> form, String requestedScope, Predicate<String> askedFor, String presentedRefreshToken)
            throws UpstreamUnavailableException {
        ProviderMetadata provider;
        try {
            provider = discovery.metadata();
        } catch (IdentityProviderUnavailableException e) {
            throw new UpstreamUnavailableException(HttpStatus.BAD_GATEWAY, "The identity provider cannot be reached right now.");
        }
        URI endpoint = provider.tokenEndpoint().orElseThrow(() -> new IllegalStateException(
                "The identity provider names no token_endpoint; set actiongate.idp.token-endpoint"));
        settings.audienceParameter().ifPresent(name -> form.put(name, settings.audience()));
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json");
        String clientId = settings.requiredClientId();
        // Read at each use: a secret refreshed from SSM after a SnapStart restore applies at once.
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
        HttpResponse<String> response;
        try {
            response = http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            LOG.warn("The identity provider's token endpoint did not answer within {}", timeout);
            throw new UpstreamUnavailableException(HttpStatus.GATEWAY_TIMEOUT, "The identity provider did not answer in time.");
        } catch (IOException e) {
            LOG.warn("The identity provider's token endpoint could not be reached: {}", e.getClass().getSimpleName());
            throw new UpstreamUnavailableException(HttpStatus.BAD_GATEWAY, "The identity provider cannot be reached right now.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamUnavailableException(HttpStatus.BAD_GATEWAY, "The sign-in was interrupted.");
        }
        return answer(response.statusCode(), response.body(), requestedScope, askedFor, presentedRefreshToken);
    }

    private TokenAnswer answer(int status, String body, String requestedScope, Predicate<String> askedFor, String presentedRefreshToken)
            throws UpstreamUnavailableException {
        Map<String, Object> document = parse(body);
        if (status >= 500) {
            LOG.warn("The identity provider's token endpoint answered {}", status);
            throw new UpstreamUnavailableException(HttpStatus.BAD_GATEWAY, "The identity provider is having problems right now.");
        }
        if (status >= 400) {
            String error = document.get("error") instanceof String code && ERROR_CODE.matcher(code).matches() ? code : "invalid_grant";
            if (status == 401 || error.equals("invalid_client")) {
                // The provider refused ActionGate's own credentials: not the GPT's fault, and telling the GPT
                // invalid_client would make it blame its own settings.
                LOG.error("The identity provider refused ActionGate's client credentials (HTTP {}): check actiongate.idp.client-id and client-secret", status);
                throw new UpstreamUnavailableException(HttpStatus.BAD_GATEWAY,
                        "The identity provider refused ActionGate's own client credentials; an administrator must check them.");
            }
            String description = document.get("error_description") instanceof String text ? shorten(text)
                    : "The identity provider refused the request.";
            return new TokenAnswer(status, write(new OAuthError(error, description)));
        }
        if (status != 200 || !(document.get("access_token") instanceof String accessToken) || accessToken.isEmpty()) {
            LOG.warn("The identity provider's token endpoint answered {} without an access token", status);
            throw new UpstreamUnavailableException(HttpStatus.BAD_GATEWAY, "The identity provider gave an answer without an access token.");
        }
        String refreshToken = document.get("refresh_token") instanceof String fresh && !fresh.isEmpty() ? fresh : presentedRefreshToken;
        // RFC 6749 §5.1 and §3.3: the answer's scope is the scope the token was granted, which the provider may
        // have narrowed (a person without the role); what was asked is only the last resort. Reported are the API
        // scopes the token carries, asked for or not, and those of the provider's own scopes (openid, ...) that
        // the GPT asked for. The ones ActionGate adds by itself (actiongate.idp.scopes, a provider's defaults)
        // are its own business with the provider, grant nothing at the API, and would make a full grant look
        // different from the GPT's request, as if it had been altered.
        String scope = grantedScopes(document.get("scope"), accessToken).map(granted -> scopes.reported(granted, askedFor))
                .orElse(requestedScope);
        return new TokenAnswer(200, write(new TokenResponse(accessToken, "Bearer",
                expiresIn(document.get("expires_in"), accessToken), refreshToken, scope)));
    }

    /**
     * The provider's {@code scope} field, else the access token's own {@code scope} or {@code scp} claim. The
     * token is read without checking its signature: it came straight from the provider's token endpoint,
     * and what is read here only informs the GPT; the API checks every token it is shown.
     */
    private static Optional<Set<String>> grantedScopes(Object scopeField, String accessToken) {
        if (scopeField instanceof String granted) {
            return Optional.of(Scopes.granted(Map.of("scope", granted)));
        }
        try {
            JWTClaimsSet claims = JWTParser.parse(accessToken).getJWTClaimsSet();
            return claims == null || claims.getClaim("scope") == null && claims.getClaim("scp") == null ? Optional.empty()
                    : Optional.of(Scopes.granted(claims.getClaims()));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    private static Set<String> names(String scope) {
        return Set.copyOf(List.of(scope.split(" ")));
    }

    /** An integer, as ChatGPT needs; providers send numbers, strings, or nothing (then the JWT's exp tells). */
    private static Long expiresIn(Object value, String accessToken) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String text && text.matches("[0-9]{1,9}(\\.[0-9]+)?")) {
            return (long) Double.parseDouble(text);
        }
        try {
            var expiry = JWTParser.parse(accessToken).getJWTClaimsSet().getExpirationTime();
            return expiry == null ? null : Math.max(0, expiry.toInstant().getEpochSecond() - Instant.now().getEpochSecond());
        } catch (ParseException e) {
            return null;
        }
    }

    private static Map<String, Object> parse(String body) {
        try {
            return body == null || body.isBlank() ? Map.of() : JSONObjectUtils.parse(body);
        } catch (ParseException e) {
            return Map.of();
        }
    }

    private static String shorten(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7E]", " ");
        return printable.length() <= MAX_DESCRIPTION ? printable : printable.substring(0, MAX_DESCRIPTION);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
