package dev.actiongate.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code actiongate.idp.*}: the team's OpenID provider, which signs the tokens ActionGate accepts. */
public final class IdpSettings {

    public static final String PREFIX = "actiongate.idp";
    public static final String ISSUER = PREFIX + ".issuer";
    public static final String AUDIENCE = PREFIX + ".audience";
    public static final String CLIENT_ID = PREFIX + ".client-id";
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

    private final Optional<URI> issuer;
    private final Set<String> acceptedIssuers;
    private final Optional<String> audience;
    private final Optional<URI> jwksUrl;
    private final Optional<String> clientId;
    private final Set<String> algorithms;
    private final Duration clockSkew;
    private final Duration jwksRefreshInterval;
    private final Duration httpTimeout;
    private final Optional<URI> authorizationEndpoint;
    private final Optional<URI> tokenEndpoint;
    private final List<String> scopes;
    private final String scopePrefix;
    private final String audienceClaim;
    private final Optional<String> audienceParameter;
    private final String tokenType;
    private final Set<String> idTokenClaims;

    private IdpSettings(SettingsReader settings) {
        this.issuer = settings.url(ISSUER);
        this.acceptedIssuers = acceptedIssuers(issuer, settings.list(PREFIX + ".accepted-issuers").orElse(List.of()));
        this.audience = settings.string(AUDIENCE);
        this.jwksUrl = settings.url(PREFIX + ".jwks-url");
        this.clientId = settings.verbatim(CLIENT_ID);
        this.algorithms = algorithms(settings.list(PREFIX + ".algorithms").orElse(DEFAULT_ALGORITHMS));
        this.clockSkew = settings.duration(PREFIX + ".clock-skew", DEFAULT_CLOCK_SKEW,
                skew -> !skew.isNegative() && skew.compareTo(Duration.ofMinutes(5)) <= 0, "must be between 0s and 5m");
        this.jwksRefreshInterval = settings.positiveDuration(PREFIX + ".jwks-refresh-interval", DEFAULT_JWKS_REFRESH_INTERVAL);
        this.httpTimeout = settings.positiveDuration(PREFIX + ".http-timeout", DEFAULT_HTTP_TIMEOUT);
        this.authorizationEndpoint = settings.url(PREFIX + ".authorization-endpoint");
        this.tokenEndpoint = settings.url(PREFIX + ".token-endpoint");
        this.scopes = scopes(settings.list(PREFIX + ".scopes").orElse(DEFAULT_SCOPES));
        this.scopePrefix = settings.string(PREFIX + ".scope-prefix").orElse("");
        this.audienceClaim = audienceClaim(settings.string(PREFIX + ".audience-claim").orElse("aud"));
        this.audienceParameter = audienceParameter(settings.string(PREFIX + ".audience-parameter"));
        this.tokenType = tokenType(settings.string(PREFIX + ".token-type").orElse(DEFAULT_TOKEN_TYPE));
        this.idTokenClaims = idTokenClaims(settings.list(PREFIX + ".id-token-claims").orElse(DEFAULT_ID_TOKEN_CLAIMS));
    }

    public static IdpSettings read(SettingsReader settings) {
        return new IdpSettings(settings);
    }

    /** The issuer URL; its {@code /.well-known/openid-configuration} names the JWKS and endpoints. */
    public URI issuer() {
        return issuer.orElseThrow(() -> RequiredSettings.missing(ISSUER));
    }

    /** Every {@code iss} value accepted: the issuer plus the other forms some providers use. */
    public Set<String> acceptedIssuers() {
        return acceptedIssuers;
    }

    public String audience() {
        return audience.orElseThrow(() -> RequiredSettings.missing(AUDIENCE));
    }

    /** An explicit JWKS URL, for providers without discovery; otherwise discovery names it. */
    public Optional<URI> jwksUrl() {
        return jwksUrl;
    }

    /** ActionGate's client id at the provider; the secret is in {@link Secrets}. */
    public Optional<String> clientId() {
        return clientId;
    }

    public String requiredClientId() {
        return clientId.orElseThrow(() -> RequiredSettings.missing(CLIENT_ID));
    }

    /** Signature algorithms accepted; asymmetric ones only, so no shared secret can ever sign a token. */
    public Set<String> algorithms() {
        return algorithms;
    }

    public Duration clockSkew() {
        return clockSkew;
    }

    /** The shortest time between two JWKS downloads caused by tokens with an unknown key id. */
    public Duration jwksRefreshInterval() {
        return jwksRefreshInterval;
    }

    /** Connect and read timeout for discovery, JWKS downloads and the token endpoint. */
    public Duration httpTimeout() {
        return httpTimeout;
    }

    /** The provider's authorization endpoint when discovery does not name it (or names the wrong one). */
    public Optional<URI> authorizationEndpoint() {
        return authorizationEndpoint;
    }

    public Optional<URI> tokenEndpoint() {
        return tokenEndpoint;
    }

    /** Scopes the bridge adds to every upstream sign-in, e.g. {@code openid offline_access}. */
    public List<String> scopes() {
        return scopes;
    }

    /**
     * Put before each API scope when asking the provider and removed when reading a token: Cognito's
     * custom scopes are {@code <resource server>/<scope>}, Entra's {@code api://<app>/<scope>}.
     */
    public String scopePrefix() {
        return scopePrefix;
    }

    /** The claim that carries the audience: {@code aud}, or {@code client_id} for Cognito access tokens. */
    public String audienceClaim() {
        return audienceClaim;
    }

    /**
     * The authorize and token parameter that asks the provider for a token for our audience:
     * {@code audience} (Auth0) or {@code resource} (RFC 8707, Logto); none by default.
     */
    public Optional<String> audienceParameter() {
        return audienceParameter;
    }

    /**
     * Which JOSE header {@code typ} marks an access token: {@code jwt} (absent, {@code JWT} or
     * {@code at+jwt}, what most providers send) or {@code at+jwt} when the provider issues RFC 9068
     * access tokens, which then alone are accepted.
     */
    public String tokenType() {
        return tokenType;
    }

    /**
     * Claims that mark a token as an ID token, so that a token carrying one is refused as a bearer
     * token; {@code none} for no such claim (Keycloak before 25 copies {@code nonce} into the access
     * tokens of clients that send one), empty for the default.
     */
    public Set<String> idTokenClaims() {
        return idTokenClaims;
    }

    private static Set<String> acceptedIssuers(Optional<URI> issuer, List<String> others) {
        Set<String> accepted = new LinkedHashSet<>();
        issuer.ifPresent(uri -> accepted.add(uri.toString()));
        for (String other : others) {
            if (!other.isBlank()) {
                accepted.add(other.trim());
            }
        }
        return Collections.unmodifiableSet(accepted);
    }

    private static Set<String> algorithms(List<String> names) {
        Set<String> allowed = new LinkedHashSet<>();
        for (String algorithm : names) {
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
        return Collections.unmodifiableSet(allowed);
    }

    private static List<String> scopes(List<String> entries) {
        List<String> names = new ArrayList<>();
        for (String scope : entries) {
            for (String name : scope.trim().split("\\s+")) {
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return List.copyOf(names);
    }

    private static String audienceClaim(String claim) {
        if (!PARAMETER_NAME.matcher(claim).matches()) {
            throw new InvalidSettingException(PREFIX + ".audience-claim", "is not a claim name");
        }
        return claim;
    }

    private static Optional<String> audienceParameter(Optional<String> name) {
        if (name.isPresent() && !PARAMETER_NAME.matcher(name.get()).matches()) {
            throw new InvalidSettingException(PREFIX + ".audience-parameter", "is not a parameter name such as audience or resource");
        }
        return name;
    }

    private static String tokenType(String configured) {
        String type = configured.toLowerCase(Locale.ROOT);
        if (type.equals("application/" + RFC_9068_TOKEN_TYPE)) {
            return RFC_9068_TOKEN_TYPE;
        }
        if (!type.equals(DEFAULT_TOKEN_TYPE) && !type.equals(RFC_9068_TOKEN_TYPE)) {
            throw new InvalidSettingException(PREFIX + ".token-type",
                    "must be jwt (typ absent, JWT or at+jwt) or at+jwt (RFC 9068 access tokens only)");
        }
        return type;
    }

    private static Set<String> idTokenClaims(List<String> entries) {
        Set<String> claims = new LinkedHashSet<>();
        for (String claim : entries) {
            String name = claim.trim();
            if (!name.isEmpty()) {
                claims.add(name);
            }
        }
        if (claims.isEmpty()) {
            return idTokenClaims(DEFAULT_ID_TOKEN_CLAIMS);
        }
        if (claims.equals(Set.of(NO_CLAIMS))) {
            return Set.of();
        }
        if (claims.stream().anyMatch(name -> name.equals(NO_CLAIMS) || !PARAMETER_NAME.matcher(name).matches())) {
            throw new InvalidSettingException(PREFIX + ".id-token-claims",
                    "must list claim names such as nonce,at_hash, or be none");
        }
        return Collections.unmodifiableSet(claims);
    }
}
