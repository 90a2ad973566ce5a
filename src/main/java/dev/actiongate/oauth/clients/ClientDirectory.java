package dev.actiongate.oauth.clients;

import dev.actiongate.config.GptSettings;
import dev.actiongate.web.OAuthProblem;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Who is asking, from the {@code client_id} of {@code /authorize} or {@code /token}: the GPT, a Client ID
 * Metadata Document's URL, or a client id {@code /register} issued. A client that cannot be identified is
 * an {@code invalid_request} shown to the person, never a redirect (RFC 6749 §4.1.2.1).
 * Not final: the tests put a directory of their own clients in its place (@Replaces).
 */
@Singleton
public class ClientDirectory {

    private final GptSettings gpt;
    private final RedirectUriAllowlist gptRedirects;

    ClientDirectory(GptSettings gpt, RedirectUriAllowlist gptRedirects) {
        this.gpt = gpt;
        this.gptRedirects = gptRedirects;
    }

    public Client find(String clientId) throws OAuthProblem {
        if (clientId.equals(gpt.requiredClientId())) {
            return new Client(clientId, Client.Kind.GPT, "ChatGPT", gpt.redirectUris(), null);
        }
        throw OAuthProblem.invalidRequest("The client_id is not the one configured for this GPT.");
    }

    /** Whether the browser may be sent back to {@code redirectUri} for this client. */
    public boolean allowsRedirect(Client client, String redirectUri) {
        if (client.kind() == Client.Kind.GPT) {
            return gptRedirects.allows(redirectUri);
        }
        List<String> registered = client.redirectUris();
        return registered.stream().anyMatch(uri -> LoopbackRedirects.matches(uri, redirectUri));
    }
}
