package dev.actiongate.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.TokenRequest;
import io.micronaut.core.annotation.Nullable;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A real OpenID provider on loopback for tests (mock-oauth2-server: discovery, JWKS, token endpoint),
 * with a signing key the test can rotate and use to sign hand-made claims.
 */
public final class TestIdentityProvider implements AutoCloseable {

    public static final String ISSUER_ID = "team-idp";
    public static final String AUDIENCE = "actiongate-test";
    /** The GPT as the bridge's client, and the bridge as the provider's client. */
    public static final String GPT_CLIENT_ID = "chatgpt-action";
    public static final String GPT_CLIENT_SECRET = "gpt-secret: with spaces & symbols/+=";
    public static final String IDP_CLIENT_ID = "actiongate-bridge";
    public static final String IDP_CLIENT_SECRET = "idp-secret-0f3c9a";
    public static final String STATE_KEY = "q4n0mUpVvR6C9gqfM2x8lq1Pz5cJb0WwS3YtH7eKdAo=";
    public static final String GPT_REDIRECT_URI = "https://chatgpt.com/aip/g-0123456789abcdef0123456789abcdef01234567/oauth/callback";

    /** Where the provider sends the code of {@link #idToken}; nothing listens there, the test reads the redirect. */
    private static final String CLIENT_CALLBACK = "https://client.example/callback";
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private final RotatableKeys keys = new RotatableKeys();
    private final MockOAuth2Server server;

    public TestIdentityProvider() {
        this(false);
    }

    private TestIdentityProvider(boolean signInPage) {
        server = new MockOAuth2Server(new OAuth2Config(signInPage, null, null, signInPage, new OAuth2TokenProvider(keys),
                Set.of(new AudienceAsRequested())));
        server.start();
    }

    /** A provider with a sign-in page (a form a person submits) that rotates refresh tokens on every use. */
    public static TestIdentityProvider withSignInPage() {
        return new TestIdentityProvider(true);
    }

    public MockOAuth2Server server() {
        return server;
    }

    public String issuer() {
        return server.issuerUrl(ISSUER_ID).toString();
    }

    public String jwksUrl() {
        return server.jwksUrl(ISSUER_ID).toString();
    }

    /** The settings that point ActionGate at this provider. */
    public Map<String, Object> settings() {
        Map<String, Object> settings = bridgeSettings(issuer(), AUDIENCE);
        settings.put("actiongate.idp.audience-parameter", "audience");
        return settings;
    }

    /** The settings that point ActionGate at another provider on loopback, with this kit's clients, key and table. */
    public static Map<String, Object> bridgeSettings(String issuer, String audience) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("actiongate.idp.issuer", issuer);
        settings.put("actiongate.idp.audience", audience);
        settings.put("actiongate.idp.jwks-refresh-interval", "1ms");
        settings.put("actiongate.idp.client-id", IDP_CLIENT_ID);
        settings.put("actiongate.idp.client-secret", IDP_CLIENT_SECRET);
        settings.put("actiongate.gpt.client-id", GPT_CLIENT_ID);
        settings.put("actiongate.gpt.client-secret", GPT_CLIENT_SECRET);
        settings.put("actiongate.state-key", STATE_KEY);
        LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
        settings.put("actiongate.usage.table", LocalDynamoDb.TABLE);
        settings.put("actiongate.usage.endpoint", dynamoDb.endpoint().toString());
        return settings;
    }

    /** An access token issued by the provider itself, as after a sign-in. */
    public String accessToken(String subject, String scope) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("email", subject + "@example.com");
        claims.put("name", "Test " + subject);
        if (!scope.isEmpty()) {
            claims.put("scope", scope);
        }
        return server.issueToken(ISSUER_ID, subject, AUDIENCE, claims, 3600).serialize();
    }

    /**
     * An access token as the provider's own, valid an hour from {@code now}: for a test that has moved
     * ActionGate's clock, which decides whether a token has expired.
     */
    public String accessToken(String subject, String scope, Instant now) {
        JWTClaimsSet.Builder claims = validClaims(subject, now).expirationTime(Date.from(now.plusSeconds(3600)))
                .claim("email", subject + "@example.com").claim("name", "Test " + subject);
        claims.claim("scope", scope.isEmpty() ? null : scope);
        return sign(claims.build());
    }

    /** Claims of a valid token, for a test to alter before {@link #sign}. */
    public JWTClaimsSet.Builder validClaims(String subject) {
        return validClaims(subject, Instant.now());
    }

    /** Claims of a token valid at {@code now}. */
    public JWTClaimsSet.Builder validClaims(String subject, Instant now) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer())
                .audience(List.of(AUDIENCE))
                .subject(subject)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)))
                .claim("scope", "workflows:read");
    }

    /**
     * A real ID token from the provider's own code flow: {@code /authorize} for {@code clientId} (this
     * provider signs in without a page), then the code at its token endpoint. Its {@code aud} is the
     * client id; it carries {@code nonce} when one is given.
     */
    public String idToken(String clientId, @Nullable String nonce) {
        Map<String, String> authorize = new LinkedHashMap<>();
        authorize.put("response_type", "code");
        authorize.put("client_id", clientId);
        authorize.put("redirect_uri", CLIENT_CALLBACK);
        authorize.put("scope", "openid");
        authorize.put("state", "id-token-state");
        if (nonce != null) {
            authorize.put("nonce", nonce);
        }
        HttpResponse<String> redirect = send(HttpRequest.newBuilder(URI.create(server.authorizationEndpointUrl(ISSUER_ID) + "?"
                + ChatGptAndBrowser.form(authorize))).GET().build());
        String location = redirect.headers().firstValue("location")
                .orElseThrow(() -> new IllegalStateException("no code from /authorize: " + redirect.statusCode() + " " + redirect.body()));
        String code = ChatGptAndBrowser.parse(URI.create(location).getRawQuery()).get("code");
        HttpResponse<String> tokens = send(HttpRequest.newBuilder(server.tokenEndpointUrl(ISSUER_ID).uri())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(ChatGptAndBrowser.form(Map.of("grant_type", "authorization_code",
                        "code", code, "redirect_uri", CLIENT_CALLBACK, "client_id", clientId, "client_secret", "any-secret"))))
                .build());
        try {
            Object idToken = JSONObjectUtils.parse(tokens.body()).get("id_token");
            if (!(idToken instanceof String token)) {
                throw new IllegalStateException("no id_token from the token endpoint: " + tokens.statusCode());
            }
            return token;
        } catch (ParseException e) {
            throw new IllegalStateException("the token endpoint did not answer JSON", e);
        }
    }

    /** Signs claims with the provider's current key, exactly as its own tokens are signed. */
    public String sign(JWTClaimsSet claims) {
        return sign(claims, keys.current());
    }

    /** Signs claims with the provider's current key under a header {@code typ}, e.g. {@code at+jwt}. */
    public String sign(JWTClaimsSet claims, String type) {
        return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keys.current().getKeyID()).type(new JOSEObjectType(type)).build(),
                claims, keys.current());
    }

    public static String sign(JWTClaimsSet claims, RSAKey key) {
        return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims, key);
    }

    private static String sign(JWSHeader header, JWTClaimsSet claims, RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public RSAKey currentKey() {
        return keys.current();
    }

    /** Replaces the signing key; the JWKS from now on publishes only the new one. */
    public void rotateKey() {
        keys.rotate();
    }

    /**
     * Tokens for the audience named by the request's {@code audience} parameter (as Auth0 does), so a
     * token has ActionGate's audience only if the bridge asked for it.
     */
    private static final class AudienceAsRequested extends DefaultOAuth2TokenCallback {

        AudienceAsRequested() {
            super(ISSUER_ID);
        }

        @Override
        public List<String> audience(TokenRequest request) {
            List<String> requested = request.getCustomParameters().get("audience");
            return requested == null ? List.of("default") : requested;
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
