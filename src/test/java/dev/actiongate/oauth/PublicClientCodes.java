package dev.actiongate.oauth;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.actiongate.oauth.sealing.SealException;
import dev.actiongate.oauth.sealing.Sealer;
import dev.actiongate.testing.ChatGptAndBrowser;
import dev.actiongate.testing.HttpTransport;
import dev.actiongate.testing.LambdaTransport;
import dev.actiongate.testing.TestIdentityProvider;
import dev.actiongate.testing.Transport;
import io.micronaut.context.ApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Plays a public client (an MCP client) at {@code /token} before {@code /authorize} knows such clients: the
 * browser part runs as for the GPT, so the provider's code is real, and the bridge's code is sealed the way
 * the callback seals it for a public client, with the client's own PKCE.
 */
final class PublicClientCodes {

    static final String CLIENT_ID = "https://mcp-client.example/client.json";
    static final String REDIRECT_URI = "http://127.0.0.1:33418/callback";

    private PublicClientCodes() {
    }

    /** Signs {@code person} in for {@code scope} and redeems the code as the public client: the /token answer. */
    static Transport.Answer signIn(Transport gate, TestIdentityProvider idp, String person, String scope) {
        String signInPage = new ChatGptAndBrowser(gate, idp).startSignIn(scope, "s");
        Map<String, String> callback = ChatGptAndBrowser.parse(URI.create(signedIn(signInPage, person)).getRawQuery());
        PendingSignIn pending;
        try {
            pending = sealer(gate).unseal(Sealer.Purpose.STATE, callback.get("state"), PendingSignIn.class);
        } catch (SealException e) {
            throw new AssertionError(e);
        }
        String verifier = Pkce.newVerifier();
        AuthorizationRequest request = new AuthorizationRequest(CLIENT_ID, true, REDIRECT_URI, null, pending.request().scope(),
                Pkce.challenge(verifier), null);
        String code = sealer(gate).seal(Sealer.Purpose.CODE, new IssuedCode(request, callback.get("code"), pending.verifier(), pending.callback()),
                Instant.now().plusSeconds(60));
        return token(gate, Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI,
                "client_id", CLIENT_ID, "code_verifier", verifier));
    }

    static Transport.Answer refresh(Transport gate, String refreshToken) {
        return token(gate, Map.of("grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", CLIENT_ID));
    }

    static Transport.Answer token(Transport gate, Map<String, String> parameters) {
        return gate.post("/token", Map.of("content-type", "application/x-www-form-urlencoded", "accept", "application/json"),
                ChatGptAndBrowser.form(parameters));
    }

    static ApplicationContext context(Transport gate) {
        return gate instanceof HttpTransport http ? http.server().context() : ((LambdaTransport) gate).context();
    }

    static Sealer sealer(Transport gate) {
        return context(gate).getBean(Sealer.class);
    }

    /** Posts the provider's sign-in form: where the provider then sends the browser, the bridge's callback. */
    private static String signedIn(String signInPage, String person) {
        String scope = ChatGptAndBrowser.parse(URI.create(signInPage).getRawQuery()).get("scope");
        String form = ChatGptAndBrowser.form(Map.of("username", person,
                "claims", JSONObjectUtils.toJSONString(Map.of("scope", scope, "email", person))));
        try {
            HttpResponse<String> signedIn = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(signInPage))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(302, signedIn.statusCode(), signedIn.body());
            return signedIn.headers().firstValue("location").orElseThrow();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
