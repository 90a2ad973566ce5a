package dev.actiongate.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.SignedJWT;
import dev.actiongate.config.IdpSettings;
import dev.actiongate.upstream.IdentityProviderUnavailableException;
import dev.actiongate.upstream.ProviderDiscovery;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.MalformedURLException;
import java.security.Key;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Verifies token signatures with the issuer's published keys. Micronaut's own JWKS signature keeps a
 * key set until it expires, so a key rotated at the issuer would fail every token until then; Nimbus's
 * JWK source downloads the set again when a token names a key id it has not seen, at most once per
 * {@code actiongate.idp.jwks-refresh-interval}. Only the allowlisted asymmetric algorithms are accepted,
 * which also refuses {@code alg: none} and HMAC tokens keyed with a public key. The header's {@code typ}
 * is checked here too, before the signature, as Nimbus's own JWT processor does: the claims validators
 * that run afterwards see only the claims, never the header.
 */
@Singleton
final class IssuerKeys implements SignatureConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(IssuerKeys.class);
    private static final long CACHE_TIME_TO_LIVE_MS = 15 * 60 * 1000L;

    private final ProviderDiscovery discovery;
    private final Set<JWSAlgorithm> algorithms;
    private final long refreshIntervalMs;
    private final long timeoutMs;
    private final DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();
    private final VerifiedSignatures verified;
    private final TokenTypeHeader types;
    private volatile JWSVerificationKeySelector<SecurityContext> selector;

    IssuerKeys(ProviderDiscovery discovery, IdpSettings settings, TokenTypeHeader types, Clock clock) {
        this.discovery = discovery;
        this.types = types;
        this.verified = new VerifiedSignatures(clock);
        this.algorithms = settings.algorithms().stream().map(JWSAlgorithm::parse).collect(Collectors.toUnmodifiableSet());
        this.refreshIntervalMs = settings.jwksRefreshInterval().toMillis();
        this.timeoutMs = settings.httpTimeout().toMillis();
    }

    @Override
    public String supportedAlgorithmsMessage() {
        return "Only " + algorithms.stream().map(JWSAlgorithm::getName).sorted().collect(Collectors.joining(", ")) + " are accepted";
    }

    @Override
    public boolean supports(JWSAlgorithm algorithm) {
        return algorithms.contains(algorithm);
    }

    @Override
    public boolean verify(SignedJWT jwt) throws JOSEException {
        JWSHeader header = jwt.getHeader();
        if (!supports(header.getAlgorithm()) || !types.accepts(header)) {
            return false;
        }
        if (verified.contains(jwt)) {
            return true;
        }
        List<Key> candidates;
        try {
            candidates = selector().selectJWSKeys(header, null);
        } catch (JWKSetUnavailableException e) {
            // The key set could not be read: no verdict on the token, so no 401 either (ProviderUnavailableHandler).
            LOG.warn("Signatures cannot be checked: the key set could not be read: {}", e.getMessage());
            throw new IdentityProviderUnavailableException("The identity provider's key set could not be read.");
        } catch (IdentityProviderUnavailableException e) {
            LOG.warn("Signatures cannot be checked: {}", e.getMessage());
            throw e;
        }
        for (Key key : candidates) {
            if (jwt.verify(verifiers.createJWSVerifier(header, key))) {
                verified.remember(jwt);
                return true;
            }
        }
        return false;
    }

    /** Loads the key set now, so that the first request does not wait for it. */
    void prefetch() throws JOSEException {
        selector().getJWKSource().get(new JWKSelector(new JWKMatcher.Builder().build()), null);
    }

    private JWSVerificationKeySelector<SecurityContext> selector() {
        JWSVerificationKeySelector<SecurityContext> known = selector;
        if (known == null) {
            synchronized (this) {
                known = selector;
                if (known == null) {
                    known = new JWSVerificationKeySelector<>(algorithms, keySource());
                    selector = known;
                }
            }
        }
        return known;
    }

    private JWKSource<SecurityContext> keySource() {
        try {
            return JWKSourceBuilder.<SecurityContext>create(discovery.metadata().jwksUri().toURL(), discovery.retriever())
                    .cache(CACHE_TIME_TO_LIVE_MS, timeoutMs)
                    .rateLimited(refreshIntervalMs)
                    .retrying(true)
                    .build();
        } catch (MalformedURLException e) {
            throw new IdentityProviderUnavailableException("The identity provider's jwks_uri is not a URL.");
        }
    }
}
