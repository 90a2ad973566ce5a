package dev.actiongate.oauth.clients;

import dev.actiongate.config.ClientSettings;
import dev.actiongate.oauth.sealing.SealException;
import dev.actiongate.oauth.sealing.Sealer;
import dev.actiongate.web.OAuthErrorCode;
import dev.actiongate.web.OAuthProblem;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Dynamic Client Registration (RFC 7591), stateless: the client_id issued is the registration itself,
 * sealed ({@link Sealer.Purpose#CLIENT}), so any instance can read it and the table holds nothing. Every
 * client registered is public (RFC 7591 §3.2.1 lets the server choose {@code none} whatever was asked).
 */
@Singleton
public final class Registrations {

    /** So that {@code /authorize} with the client_id stays well inside API Gateway's 10,240 bytes of request line and headers. */
    public static final int MAX_CLIENT_ID = 1024;
    public static final int MAX_REDIRECT_URIS = 5;
    public static final Duration LIFETIME = Duration.ofDays(365);
    static final List<String> GRANT_TYPES = List.of("authorization_code", "refresh_token");

    private final Sealer sealer;
    private final ClientPolicy policy;
    private final ClientSettings settings;
    private final Clock clock;

    Registrations(Sealer sealer, ClientPolicy policy, ClientSettings settings, Clock clock) {
        this.sealer = sealer;
        this.policy = policy;
        this.settings = settings;
        this.clock = clock;
    }

    /** RFC 7591 §3.2.1: the client information response of a registration. */
    public record Registered(String clientId, long issuedAt, long expiresAt, @Nullable String name, List<String> redirectUris,
                             List<String> grantTypes) {
    }

    /** RFC 7591 §3.1: registers the client metadata sent, or refuses it in §3.2.2's terms. */
    public Registered register(Map<String, Object> metadata) throws OAuthProblem {
        if (!policy.registrationOpen()) {
            throw OAuthProblem.of(OAuthErrorCode.INVALID_CLIENT_METADATA,
                    "Registration is closed on this ActionGate (" + ClientSettings.REGISTRATION + ").");
        }
        List<String> redirectUris = redirectUris(metadata.get("redirect_uris"));
        List<String> grantTypes = grantTypes(metadata.get("grant_types"));
        Object responseTypes = metadata.get("response_types");
        if (responseTypes != null && !List.of("code").equals(responseTypes)) {
            throw metadataProblem("Only response_types [\"code\"] is supported.");
        }
        Object name = metadata.get("client_name");
        if (name != null && !(name instanceof String)) {
            throw metadataProblem("client_name must be a string.");
        }
        String clientName = name == null || ((String) name).isBlank() ? null : ((String) name).strip();
        if (clientName != null && clientName.length() > MetadataDocuments.MAX_NAME) {
            throw metadataProblem("client_name is longer than " + MetadataDocuments.MAX_NAME + " characters.");
        }
        Instant now = clock.instant();
        Instant expiresAt = now.plus(LIFETIME);
        String clientId = sealer.seal(Sealer.Purpose.CLIENT, new Registration(clientName, redirectUris, grantTypes, now.getEpochSecond()),
                expiresAt);
        if (clientId.length() > MAX_CLIENT_ID) {
            throw metadataProblem("The redirect URIs and client_name together are too long for a client_id of at most "
                    + MAX_CLIENT_ID + " characters; register fewer or shorter redirect URIs.");
        }
        return new Registered(clientId, now.getEpochSecond(), expiresAt.getEpochSecond(), clientName, redirectUris, GRANT_TYPES);
    }

    /** Whether this client_id looks like one {@link #register} issued; a sealed value never starts like a URL. */
    static boolean isRegistered(String clientId) {
        return clientId.startsWith("1") && clientId.length() <= MAX_CLIENT_ID;
    }

    /** The client a registered client_id stands for. */
    Client client(String clientId) throws OAuthProblem {
        Registration registration;
        try {
            registration = sealer.unseal(Sealer.Purpose.CLIENT, clientId, Registration.class);
        } catch (SealException e) {
            throw OAuthProblem.invalidRequest(e.expired()
                    ? "This client's registration has expired; the client must register again."
                    : "The client_id is not one ActionGate knows; the client must register again.");
        }
        return new Client(clientId, Client.Kind.REGISTERED, registration.name(), registration.redirectUris(), null);
    }

    private List<String> redirectUris(Object value) throws OAuthProblem {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw redirectProblem("Send redirect_uris: a list of one to " + MAX_REDIRECT_URIS + " redirect URIs.");
        }
        if (list.size() > MAX_REDIRECT_URIS) {
            throw redirectProblem("At most " + MAX_REDIRECT_URIS + " redirect URIs can be registered.");
        }
        List<String> uris = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String uri)) {
                throw redirectProblem("Every redirect URI must be a string.");
            }
            String problem = RedirectUris.problem(uri, settings.redirectSchemes());
            if (problem != null) {
                throw redirectProblem("The redirect URI " + printable(uri) + " " + problem + ".");
            }
            if (!policy.allowsRedirect(uri)) {
                throw redirectProblem("The redirect URI " + printable(uri) + " is on a host ActionGate does not send people to ("
                        + ClientSettings.REDIRECT_HOSTS + ").");
            }
            uris.add(uri);
        }
        return List.copyOf(uris);
    }

    private static List<String> grantTypes(Object value) throws OAuthProblem {
        if (value == null) {
            return GRANT_TYPES;
        }
        if (!(value instanceof List<?> list) || list.isEmpty() || !GRANT_TYPES.containsAll(list)) {
            throw metadataProblem("Only the grant types authorization_code and refresh_token are supported.");
        }
        return list.stream().map(String.class::cast).toList();
    }

    /** A client's URI in a sentence, only when it is short and plain (the sentence must stay a well-formed description). */
    private static String printable(String uri) {
        return uri.length() <= 80 && uri.matches("[\\x21\\x23-\\x5B\\x5D-\\x7E]+") ? uri : "(one of them)";
    }

    private static OAuthProblem redirectProblem(String description) {
        return OAuthProblem.of(OAuthErrorCode.INVALID_REDIRECT_URI, description);
    }

    private static OAuthProblem metadataProblem(String description) {
        return OAuthProblem.of(OAuthErrorCode.INVALID_CLIENT_METADATA, description);
    }
}
