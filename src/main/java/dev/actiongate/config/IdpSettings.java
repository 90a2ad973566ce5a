package dev.actiongate.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code actiongate.idp.*}: the team's OpenID provider, which signs the tokens ActionGate accepts. */
@ConfigurationProperties(IdpSettings.PREFIX)
public final class IdpSettings {

    public static final String PREFIX = "actiongate.idp";
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
    public static final Duration DEFAULT_JWKS_REFRESH_INTERVAL = Duration.ofSeconds(15);
    public static final Duration DEFAULT_HTTP_TIMEOUT = Duration.ofSeconds(5);
    public static final List<String> DEFAULT_ALGORITHMS =
            List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512");
    /** Scopes always asked of the provider on top of the API scopes the person grants. */
    public static final List<String> DEFAULT_SCOPES = List.of("openid");
    /** {@code jwt}: a header {@code typ} that is absent, {@code JWT} or {@code at+jwt}; {@code at+jwt}: RFC 9068 tokens only. */
    public static final String DEFAULT_TOKEN_TYPE = "jwt";
    public static final String RFC_9068_TOKEN_TYPE = "at+jwt";
    /** OpenID Connect Core §2 and §3.1.3.6: claims only an ID token carries. */
    public static final List<String> DEFAULT_ID_TOKEN_CLAIMS = List.of("nonce", "at_hash");
    private static final String NO_CLAIMS = "none";
    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Set<String> ASYMMETRIC_ALGORITHMS = Set.copyOf(DEFAULT_ALGORITHMS);

    private String issuer;
    private List<String> acceptedIssuers = List.of();
    private String audience;
    private String jwksUrl;
    private String clientId;
    private String clientSecret;
    private List<String> algorithms = DEFAULT_ALGORITHMS;
    private Duration clockSkew = DEFAULT_CLOCK_SKEW;
    private Duration jwksRefreshInterval = DEFAULT_JWKS_REFRESH_INTERVAL;
    private Duration httpTimeout = DEFAULT_HTTP_TIMEOUT;
    private String authorizationEndpoint;
    private String tokenEndpoint;
    private List<String> scopes = DEFAULT_SCOPES;
    private String scopePrefix = "";
    private String audienceClaim = "aud";
    private String audienceParameter;
    private String tokenType = DEFAULT_TOKEN_TYPE;
    private List<String> idTokenClaims = DEFAULT_ID_TOKEN_CLAIMS;

    /** The issuer URL; its {@code /.well-known/openid-configuration} names the JWKS and endpoints. */
    public URI issuer() {
        return Setting.url(PREFIX + ".issuer",
                Setting.required(PREFIX + ".issuer", issuer, "set it to your identity provider's issuer URL"));
    }

    /** Every {@code iss} value accepted: the issuer plus the other forms some providers use. */
    public Set<String> acceptedIssuers() {
        Set<String> accepted = new LinkedHashSet<>();
        accepted.add(issuer().toString());
        for (String other : acceptedIssuers) {
            if (!other.isBlank()) {
                accepted.add(other.trim());
            }
        }
        return accepted;
    }

    public String audience() {
        return Setting.required(PREFIX + ".audience", audience,
                "set it to the audience (aud) your identity provider puts in ActionGate's access tokens");
    }

    /** An explicit JWKS URL, for providers without discovery; otherwise discovery names it. */
    public Optional<URI> jwksUrl() {
        return optionalUrl(PREFIX + ".jwks-url", jwksUrl);
    }

    public Optional<String> clientId() {
        return Optional.ofNullable(clientId).filter(id -> !id.isBlank());
    }

    public Optional<Secret> clientSecret() {
        return Optional.ofNullable(clientSecret).filter(s -> !s.isBlank()).map(Secret::of);
    }

    public String requiredClientId() {
        return clientId().orElseThrow(() -> new InvalidSettingException(PREFIX + ".client-id",
                "is missing: register ActionGate as a confidential web client at your identity provider and give its client ID"));
    }

    public Secret requiredClientSecret() {
        return clientSecret().orElseThrow(() -> new InvalidSettingException(PREFIX + ".client-secret",
                "is missing: give the client secret of ActionGate's client at your identity provider"));
    }

    /** Signature algorithms accepted; asymmetric ones only, so no shared secret can ever sign a token. */
    public Set<String> algorithms() {
        Set<String> allowed = new LinkedHashSet<>();
        for (String algorithm : algorithms) {
            String name = algorithm.trim();
            if (!ASYMMETRIC_ALGORITHMS.contains(name)) {
                throw new InvalidSettingException(PREFIX + ".algorithms",
                        "names " + name + ", which is not one of " + String.join(", ", DEFAULT_ALGORITHMS));
            }
            allowed.add(name);
        }
        if (allowed.isEmpty()) {
            throw new InvalidSettingException(PREFIX + ".algorithms", "is empty: name at least one, e.g. RS256");
        }
        return allowed;
    }

    public Duration clockSkew() {
        if (clockSkew == null || clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new InvalidSettingException(PREFIX + ".clock-skew", "must be between 0s and 5m");
        }
        return clockSkew;
    }

    /** The shortest time between two JWKS downloads caused by tokens with an unknown key id. */
    public Duration jwksRefreshInterval() {
        return Setting.positive(PREFIX + ".jwks-refresh-interval", jwksRefreshInterval);
    }

    /** Connect and read timeout for discovery, JWKS downloads and the token endpoint. */
    public Duration httpTimeout() {
        return Setting.positive(PREFIX + ".http-timeout", httpTimeout);
    }

    /** The provider's authorization endpoint when discovery does not name it (or names the wrong one). */
    public Optional<URI> authorizationEndpoint() {
        return optionalUrl(PREFIX + ".authorization-endpoint", authorizationEndpoint);
    }

    public Optional<URI> tokenEndpoint() {
        return optionalUrl(PREFIX + ".token-endpoint", tokenEndpoint);
    }

    /** Scopes the bridge adds to every upstream sign-in, e.g. {@code openid offline_access}. */
    public List<String> scopes() {
        List<String> names = new ArrayList<>();
        for (String scope : scopes) {
            for (String name : scope.trim().split("\\s+")) {
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /**
     * Put before each API scope when asking the provider and removed when reading a token: Cognito's
     * custom scopes are {@code <resource server>/<scope>}, Entra's {@code api://<app>/<scope>}.
     */
    public String scopePrefix() {
        return scopePrefix == null ? "" : scopePrefix.trim();
    }

    /** The claim that carries the audience: {@code aud}, or {@code client_id} for Cognito access tokens. */
    public String audienceClaim() {
        String claim = audienceClaim == null || audienceClaim.isBlank() ? "aud" : audienceClaim.trim();
        if (!PARAMETER_NAME.matcher(claim).matches()) {
            throw new InvalidSettingException(PREFIX + ".audience-claim", "is not a claim name");
        }
        return claim;
    }

    /**
     * The authorize and token parameter that asks the provider for a token for our audience:
     * {@code audience} (Auth0) or {@code resource} (RFC 8707, Logto); none by default.
     */
    public Optional<String> audienceParameter() {
        if (audienceParameter == null || audienceParameter.isBlank()) {
            return Optional.empty();
        }
        if (!PARAMETER_NAME.matcher(audienceParameter.trim()).matches()) {
            throw new InvalidSettingException(PREFIX + ".audience-parameter", "is not a parameter name such as audience or resource");
        }
        return Optional.of(audienceParameter.trim());
    }

    /**
     * Which JOSE header {@code typ} marks an access token: {@code jwt} (absent, {@code JWT} or
     * {@code at+jwt}, what most providers send) or {@code at+jwt} when the provider issues RFC 9068
     * access tokens, which then alone are accepted.
     */
    public String tokenType() {
        String type = tokenType == null || tokenType.isBlank() ? DEFAULT_TOKEN_TYPE : tokenType.trim().toLowerCase(Locale.ROOT);
        if (type.equals("application/" + RFC_9068_TOKEN_TYPE)) {
            return RFC_9068_TOKEN_TYPE;
        }
        if (!type.equals(DEFAULT_TOKEN_TYPE) && !type.equals(RFC_9068_TOKEN_TYPE)) {
            throw new InvalidSettingException(PREFIX + ".token-type",
                    "must be jwt (typ absent, JWT or at+jwt) or at+jwt (RFC 9068 access tokens only)");
        }
        return type;
    }

    /**
     * Claims that mark a token as an ID token, so that a token carrying one is refused as a bearer
     * token; {@code none} for no such claim (Keycloak before 25 copies {@code nonce} into the access
     * tokens of clients that send one), empty for the default.
     */
    public Set<String> idTokenClaims() {
        Set<String> claims = new LinkedHashSet<>();
        for (String claim : idTokenClaims) {
            String name = claim.trim();
            if (!name.isEmpty()) {
                claims.add(name);
            }
        }
        if (claims.isEmpty()) {
            return Set.copyOf(DEFAULT_ID_TOKEN_CLAIMS);
        }
        if (claims.equals(Set.of(NO_CLAIMS))) {
            return Set.of();
        }
        if (claims.stream().anyMatch(name -> name.equals(NO_CLAIMS) || !PARAMETER_NAME.matcher(name).matches())) {
            throw new InvalidSettingException(PREFIX + ".id-token-claims",
                    "must list claim names such as nonce,at_hash, or be none");
        }
        return claims;
    }

    private static Optional<URI> optionalUrl(String property, String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Setting.url(property, value));
    }

    public void setAuthorizationEndpoint(@Nullable String authorizationEndpoint) {
        this.authorizationEndpoint = authorizationEndpoint;
    }

    public void setTokenEndpoint(@Nullable String tokenEndpoint) {
        this.tokenEndpoint = tokenEndpoint;
    }

    public void setScopes(@Nullable List<String> scopes) {
        this.scopes = scopes == null ? DEFAULT_SCOPES : new ArrayList<>(scopes);
    }

    public void setScopePrefix(@Nullable String scopePrefix) {
        this.scopePrefix = scopePrefix;
    }

    public void setAudienceClaim(@Nullable String audienceClaim) {
        this.audienceClaim = audienceClaim;
    }

    public void setAudienceParameter(@Nullable String audienceParameter) {
        this.audienceParameter = audienceParameter;
    }

    public void setTokenType(@Nullable String tokenType) {
        this.tokenType = tokenType;
    }

    public void setIdTokenClaims(@Nullable List<String> idTokenClaims) {
        this.idTokenClaims = idTokenClaims == null ? DEFAULT_ID_TOKEN_CLAIMS : new ArrayList<>(idTokenClaims);
    }

    public void setIssuer(@Nullable String issuer) {
        this.issuer = issuer;
    }

    public void setAcceptedIssuers(@Nullable List<String> acceptedIssuers) {
        this.acceptedIssuers = acceptedIssuers == null ? List.of() : new ArrayList<>(acceptedIssuers);
    }

    public void setAudience(@Nullable String audience) {
        this.audience = audience;
    }

    public void setJwksUrl(@Nullable String jwksUrl) {
        this.jwksUrl = jwksUrl;
    }

    public void setClientId(@Nullable String clientId) {
        this.clientId = clientId;
    }

    public void setClientSecret(@Nullable String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public void setAlgorithms(@Nullable List<String> algorithms) {
        this.algorithms = algorithms == null ? DEFAULT_ALGORITHMS : new ArrayList<>(algorithms);
    }

    public void setClockSkew(@Nullable Duration clockSkew) {
        this.clockSkew = clockSkew;
    }

    public void setJwksRefreshInterval(@Nullable Duration jwksRefreshInterval) {
        this.jwksRefreshInterval = jwksRefreshInterval;
    }

    public void setHttpTimeout(@Nullable Duration httpTimeout) {
        this.httpTimeout = httpTimeout;
    }
}
