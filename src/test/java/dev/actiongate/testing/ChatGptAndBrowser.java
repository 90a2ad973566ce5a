package dev.actiongate.testing;

import com.nimbusds.jose.util.JSONObjectUtils;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Plays ChatGPT (the OAuth client of the bridge) and the person's browser: starts a sign-in, signs in
 * on the identity provider's page, follows every redirect, and exchanges codes and refresh tokens.
 */
public final class ChatGptAndBrowser {

    private static final HttpClient BROWSER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private final Transport gate;
    private final String issuer;
    private final List<String> locations = new ArrayList<>();

    public ChatGptAndBrowser(Transport gate, TestIdentityProvider idp) {
        this(gate, idp.issuer());
    }

    /** Against any mock-oauth2-server with its sign-in page at {@code issuer}, such as the local server's. */
    public ChatGptAndBrowser(Transport gate, String issuer) {
        this.gate = gate;
        this.issuer = issuer;
    }

    /** What ChatGPT's browser tab is sent to at the end: the GPT's callback with code and state. */
    public record Callback(String location, Map<String, String> parameters) {
        public String code() {
            return parameters.get("code");
        }
    }

    /**
     * The whole browser part: /authorize, the provider's sign-in page, /oauth/callback. The provider grants
     * the person what the bridge asked it for.
     */
    public Callback signIn(String person, String scope, String state) {
        return signIn(scope, state, signInPage -> signInForm(person,
                parse(URI.create(signInPage).getRawQuery()).get("scope")));
    }

    /** The same, but the provider grants only {@code granted}, as for a person whose roles lack the rest. */
    public Callback signInGranted(String person, String scope, String state, String granted) {
        return signIn(scope, state, signInPage -> signInForm(person, granted));
    }

    /** The same, posting only the user name, as the README's curl does at the local server's provider. */
    public Callback signInWithUserNameOnly(String person, String scope, String state) {
        return signIn(scope, state, signInPage -> Map.of("username", person));
    }

    /**
     * The whole browser part for another client of the bridge (an MCP client with its own redirect URI,
     * PKCE and resource): {@code authorize} holds every /authorize parameter.
     */
    public Callback signIn(String person, Map<String, String> authorize) {
        String signInPage = startSignIn(authorize);
        return followTo(authorize.get("redirect_uri"), signedIn(signInPage, signInForm(person, parse(URI.create(signInPage).getRawQuery()).get("scope"))));
    }

    /** Where /authorize sends the browser: the provider's sign-in page, with the bridge's request in its query. */
    public String startSignIn(String scope, String state) {
        return startSignIn(Map.of(
                "response_type", "code",
                "client_id", TestIdentityProvider.GPT_CLIENT_ID,
                "redirect_uri", TestIdentityProvider.GPT_REDIRECT_URI,
                "scope", scope,
                "state", state));
    }

    private String startSignIn(Map<String, String> parameters) {
        Transport.Answer authorize = gate.get("/authorize?" + form(parameters), Map.of("accept", "text/html"));
        assertEquals(302, authorize.status(), authorize.body());
        String signInPage = authorize.header("location");
        locations.add(signInPage);
        assertTrue(signInPage.startsWith(issuer + "/authorize?"), signInPage);
        return signInPage;
    }

    private Callback signIn(String scope, String state, Function<String, Map<String, String>> signInForm) {
        String signInPage = startSignIn(scope, state);
        return followToGpt(signedIn(signInPage, signInForm.apply(signInPage)));
    }

    /**
     * The person signs in at the provider's page the bridge sent the browser to, and is granted what the bridge
     * asked for: where the provider then sends the browser (the bridge's callback).
     */
    public String signInAtProvider(String signInPage, String person) {
        assertTrue(signInPage.startsWith(issuer + "/authorize?"), signInPage);
        return signedIn(signInPage, signInForm(person, parse(URI.create(signInPage).getRawQuery()).get("scope")));
    }

    /** The same, but the provider grants only {@code granted}, as for a person whose roles lack the rest. */
    public String signInAtProvider(String signInPage, String person, String granted) {
        assertTrue(signInPage.startsWith(issuer + "/authorize?"), signInPage);
        return signedIn(signInPage, signInForm(person, granted));
    }

    /** Shows the provider's sign-in page and posts its form: where the provider then sends the browser. */
    private String signedIn(String signInPage, Map<String, String> signInForm) {
        HttpResponse<String> page = browse(HttpRequest.newBuilder(URI.create(signInPage)).GET().build());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("name=\"username\""), "the provider shows its sign-in form");

        HttpResponse<String> signedIn = browse(HttpRequest.newBuilder(URI.create(signInPage))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(signInForm))).build());
        assertEquals(302, signedIn.statusCode(), signedIn.body());
        return signedIn.headers().firstValue("location").orElseThrow();
    }

    /** The sign-in form of mock-oauth2-server: the person, and the claims their tokens get. */
    private static Map<String, String> signInForm(String person, String scope) {
        return Map.of("username", person, "claims", JSONObjectUtils.toJSONString(Map.of("scope", scope, "email", person)));
    }

    /** The provider sent the browser to the bridge's callback; the bridge sends it on to the GPT. */
    public Callback followToGpt(String bridgeCallback) {
        return followTo(TestIdentityProvider.GPT_REDIRECT_URI, bridgeCallback);
    }

    private Callback followTo(String redirectUri, String bridgeCallback) {
        locations.add(bridgeCallback);
        URI callback = URI.create(bridgeCallback);
        assertEquals("/oauth/callback", callback.getPath());
        Transport.Answer answer = gate.get(callback.getRawPath() + "?" + callback.getRawQuery(), Map.of("accept", "text/html"));
        assertEquals(302, answer.status(), answer.body());
        String location = answer.header("location");
        locations.add(location);
        assertTrue(location.startsWith(redirectUri + "?"), location);
        return new Callback(location, parse(URI.create(location).getRawQuery()));
    }

    /** Every redirect followed so far, with the states and codes they carried. */
    public List<String> locations() {
        return List.copyOf(locations);
    }

    public Transport.Answer redeemWithPost(String code) {
        return token(Map.of(), Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", TestIdentityProvider.GPT_REDIRECT_URI,
                "client_id", TestIdentityProvider.GPT_CLIENT_ID, "client_secret", TestIdentityProvider.GPT_CLIENT_SECRET));
    }

    public Transport.Answer redeemWithBasic(String code) {
        return token(basic(TestIdentityProvider.GPT_CLIENT_ID, TestIdentityProvider.GPT_CLIENT_SECRET),
                Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", TestIdentityProvider.GPT_REDIRECT_URI));
    }

    public Transport.Answer refreshWithPost(String refreshToken) {
        return token(Map.of(), Map.of("grant_type", "refresh_token", "refresh_token", refreshToken,
                "client_id", TestIdentityProvider.GPT_CLIENT_ID, "client_secret", TestIdentityProvider.GPT_CLIENT_SECRET));
    }

    public Transport.Answer refreshWithBasic(String refreshToken) {
        return token(basic(TestIdentityProvider.GPT_CLIENT_ID, TestIdentityProvider.GPT_CLIENT_SECRET),
                Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    public Transport.Answer token(Map<String, String> headers, Map<String, String> parameters) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putIfAbsent("content-type", "application/x-www-form-urlencoded");
        all.putIfAbsent("accept", "application/json");
        return gate.post("/token", all, form(parameters));
    }

    /** RFC 6749 §2.3.1: each part form-encoded, then joined and base64-encoded. */
    public static Map<String, String> basic(String clientId, String secret) {
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return Map.of("authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    public static Map<String, Object> json(Transport.Answer answer) {
        try {
            Map<String, Object> body = JSONObjectUtils.parse(answer.body());
            assertNotNull(body);
            return body;
        } catch (ParseException e) {
            throw new AssertionError("not JSON: " + answer.body(), e);
        }
    }

    public static String form(Map<String, String> parameters) {
        StringBuilder out = new StringBuilder();
        parameters.forEach((name, value) -> out.append(out.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return out.toString();
    }

    public static Map<String, String> parse(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private static HttpResponse<String> browse(HttpRequest request) {
        try {
            return BROWSER.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
