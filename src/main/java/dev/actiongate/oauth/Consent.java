package dev.actiongate.oauth;

import dev.actiongate.oauth.clients.Client;
import dev.actiongate.oauth.clients.LoopbackRedirects;
import dev.actiongate.oauth.sealing.Sealer;
import dev.actiongate.web.BrowserAnswers;
import dev.actiongate.web.OAuthProblem;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Map;

/**
 * The person's say before a client other than the GPT signs them in (MCP "Security Best Practices",
 * Confused Deputy Problem: the bridge holds one client id at the provider, so the provider's own consent,
 * if any, was given to ActionGate, not to this client). {@code /authorize} shows the page or, when the person
 * asked to remember exactly this request, goes on; {@link ConsentController} takes the answer.
 */
@Singleton
final class Consent {

    private final ConsentCookies cookies;
    private final Sealer sealer;
    private final UpstreamSignIn upstream;
    private final BrowserAnswers answers;
    private final Clock clock;

    Consent(ConsentCookies cookies, Sealer sealer, UpstreamSignIn upstream, BrowserAnswers answers, Clock clock) {
        this.cookies = cookies;
        this.sealer = sealer;
        this.upstream = upstream;
        this.answers = answers;
        this.clock = clock;
    }

    /** At {@code /authorize}, for a client that {@link Client#needsConsent() needs consent}: the page, or on to the provider. */
    MutableHttpResponse<String> ask(HttpRequest<?> request, Client client, AuthorizationRequest asked) throws OAuthProblem {
        boolean rememberable = rememberable(client, asked);
        if (rememberable && cookies.remembers(request, asked)) {
            return approved(request, asked, HttpStatus.FOUND);
        }
        String nonce = cookies.nonce(request);
        String ticket = sealer.seal(Sealer.Purpose.CONSENT_TICKET, new ConsentTicket(asked, cookies.nonceId(nonce), rememberable),
                clock.instant().plus(ConsentCookies.PAGE_LIFETIME));
        return HttpResponse.<String>ok(ConsentPage.render(client, asked, ticket, rememberable))
                .contentType(MediaType.TEXT_HTML_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy", ConsentPage.CONTENT_SECURITY_POLICY)
                .cookie(cookies.nonceCookie(nonce));
    }

    /**
     * The sign-in goes on to the provider, and the browser gets the cookie the callback will ask for: the
     * provider's answer then finishes the sign-in only in the browser whose person approved it.
     */
    MutableHttpResponse<String> approved(HttpRequest<?> request, AuthorizationRequest asked, HttpStatus status) throws OAuthProblem {
        UpstreamSignIn.Redirect redirect = upstream.start(request, asked);
        return answers.redirect(redirect.url(), Map.of()).status(status).cookie(cookies.signInCookie(redirect.sealedState()));
    }

    /**
     * Never for a client whose redirect URIs are all loopback, nor for a loopback redirect: any program on the
     * person's machine can listen there and call itself that client, so the person is asked every time.
     */
    private static boolean rememberable(Client client, AuthorizationRequest asked) {
        return !client.onlyLoopbackRedirects() && !LoopbackRedirects.isLoopback(asked.redirectUri());
    }
}
