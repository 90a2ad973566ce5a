package dev.actiongate.oauth.clients;

import dev.actiongate.config.ClientSettings;
import dev.actiongate.config.GptSettings;
import dev.actiongate.config.Setting;
import dev.actiongate.web.OAuthProblem;
import dev.actiongate.web.PublicBaseUrl;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.net.URI;

/**
 * Who is asking, from the {@code client_id} of {@code /authorize}: the GPT, a Client ID Metadata Document's
 * URL, or a client id {@code /register} issued. A client that cannot be identified, or a redirect URI it
 * may not use, is an {@code invalid_request} shown to the person, never a redirect (RFC 6749 §4.1.2.1).
 */
@Singleton
public final class ClientDirectory {

    private final GptSettings gpt;
    private final RedirectUriAllowlist gptRedirects;
    private final MetadataDocuments documents;
    private final Registrations registrations;
    private final ClientPolicy policy;
    private final ClientSettings settings;
    private final PublicBaseUrl baseUrl;

    ClientDirectory(GptSettings gpt, RedirectUriAllowlist gptRedirects, MetadataDocuments documents, Registrations registrations,
                    ClientPolicy policy, ClientSettings settings, PublicBaseUrl baseUrl) {
        this.gpt = gpt;
        this.gptRedirects = gptRedirects;
        this.documents = documents;
        this.registrations = registrations;
        this.policy = policy;
        this.settings = settings;
        this.baseUrl = baseUrl;
    }

    /**
     * The client this {@code client_id} names. A metadata document is fetched (or taken from the cache);
     * the request tells whether ActionGate runs on loopback, the only case where documents on loopback are read.
     */
    public Client find(HttpRequest<?> request, String clientId) throws OAuthProblem {
        if (clientId.equals(gpt.requiredClientId())) {
            return new Client(clientId, Client.Kind.GPT, "ChatGPT", gpt.redirectUris(), null);
        }
        if (MetadataDocuments.isDocumentUrl(clientId)) {
            return documents.find(clientId, localRun(request));
        }
        if (Registrations.isRegistered(clientId)) {
            return registrations.client(clientId);
        }
        throw OAuthProblem.invalidRequest("The client_id is not one ActionGate knows: neither this GPT's, a metadata document URL,"
                + " nor one that /register issued.");
    }

    /** Whether the browser may be sent back to {@code redirectUri} for this client. */
    public boolean allowsRedirect(Client client, String redirectUri) {
        try {
            checkRedirect(client, redirectUri);
            return true;
        } catch (OAuthProblem problem) {
            return false;
        }
    }

    /**
     * Refuses a redirect URI this client may not use, saying why: not one of its own (loopback ones matched
     * without their port, RFC 8252 §7.3), or outside the policy ({@code actiongate.oauth.clients.redirect-hosts}).
     */
    public void checkRedirect(Client client, String redirectUri) throws OAuthProblem {
        if (client.kind() == Client.Kind.GPT) {
            if (!gptRedirects.allows(redirectUri)) {
                throw OAuthProblem.invalidRequest("The redirect_uri is not on ActionGate's allowlist (actiongate.gpt.redirect-uris).");
            }
            return;
        }
        if (client.redirectUris().stream().noneMatch(uri -> LoopbackRedirects.matches(uri, redirectUri))) {
            throw OAuthProblem.invalidRequest("The redirect_uri is not one of the client's redirect URIs.");
        }
        if (RedirectUris.problem(redirectUri, settings.redirectSchemes()) != null || !policy.allowsRedirect(redirectUri)) {
            throw OAuthProblem.invalidRequest("The redirect_uri is on a host ActionGate does not send people to ("
                    + ClientSettings.REDIRECT_HOSTS + ").");
        }
    }

    /** ActionGate's own root is loopback: the local run, where test documents are served on 127.0.0.1. */
    private boolean localRun(HttpRequest<?> request) {
        String host = URI.create(baseUrl.of(request)).getHost();
        return host != null && Setting.isLoopback(host);
    }
}
