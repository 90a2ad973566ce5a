package dev.actiongate.local;

import com.nimbusds.jose.util.JSONObjectUtils;
import kotlin.jvm.functions.Function1;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.MockWebServerWrapper;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.OAuth2HttpServer;
import no.nav.security.mock.oauth2.http.Ssl;
import okhttp3.HttpUrl;

import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A complete OpenID provider on loopback (NAV's mock-oauth2-server): discovery, JWKS, a sign-in page,
 * authorization codes, refresh tokens and the password grant for curl. Whoever signs in becomes the
 * token's {@code sub} and {@code email}. A token carries exactly the scopes asked for, as a provider that
 * grants everyone everything would: at the sign-in page those of the authorize request (refreshes keep
 * them, or narrow them to the {@code scope} they name), with the password grant its {@code scope}, or all
 * of ActionGate's when it names none.
 */
public final class EmbeddedIdentityProvider {

    public static final String ISSUER_ID = "actiongate";
    public static final String AUDIENCE = "actiongate";
    static final String ALL_SCOPES = "workflows:read workflows:trigger deployments:read logs:read analytics:read";

    private EmbeddedIdentityProvider() {
    }

    public static MockOAuth2Server start(int port) {
        OAuth2Config configured = OAuth2Config.Companion.fromJson(config());
        MockOAuth2Server server = new MockOAuth2Server(new OAuth2Config(configured.getInteractiveLogin(),
                configured.getLoginPagePath(), configured.getStaticAssetsPath(), configured.getRotateRefreshToken(),
                configured.getTokenProvider(), configured.getTokenCallbacks(), new SignInKeepsAskedScopes(new MockWebServerWrapper())));
        server.start(port);
        return server;
    }

    /**
     * The first mapping that matches a token request gives its claims. A request naming a scope (password
     * grant, narrowing refresh) gets that scope; the password grant without one gets every scope; after a
     * sign-in, claims the mapping leaves out come from the sign-in, which holds the authorize request's scope.
     */
    static String config() {
        return """
                {
                  "interactiveLogin": true,
                  "tokenCallbacks": [{
                    "issuerId": "%1$s",
                    "tokenExpiry": 3600,
                    "requestMappings": [
                      {"requestParam": "scope", "match": ".*:.*",
                       "claims": {"sub": "${subject}", "email": "${subject}", "aud": ["%2$s"], "scope": "${scope}"}},
                      {"requestParam": "grant_type", "match": "password",
                       "claims": {"sub": "${subject}", "email": "${subject}", "aud": ["%2$s"], "scope": "%3$s"}},
                      {"requestParam": "grant_type", "match": "*",
                       "claims": {"sub": "${subject}", "email": "${subject}", "aud": ["%2$s"]}}
                    ]
                  }]
                }
                """.formatted(ISSUER_ID, AUDIENCE, ALL_SCOPES);
    }

    /**
     * mock-oauth2-server issues a code's tokens from the token request alone, which names no scope, so the
     * scope of the authorize request would be lost. This server puts it into the claims of the sign-in form
     * (unless the person typed a scope there), where the tokens of the sign-in and of its refreshes take it from.
     */
    private static final class SignInKeepsAskedScopes implements OAuth2HttpServer {

        private final OAuth2HttpServer server;

        SignInKeepsAskedScopes(OAuth2HttpServer server) {
            this.server = server;
        }

        @Override
        public OAuth2HttpServer start(InetAddress address, int port,
                                      Function1<? super OAuth2HttpRequest, OAuth2HttpResponse> handler) {
            server.start(address, port, request -> handler.invoke(withAskedScope(request)));
            return this;
        }

        private static OAuth2HttpRequest withAskedScope(OAuth2HttpRequest request) {
            String scope = request.getOriginalUrl().queryParameter("scope");
            if (!request.getMethod().equals("POST") || !request.getOriginalUrl().encodedPath().endsWith("/authorize") || scope == null) {
                return request;
            }
            Map<String, String> form = new LinkedHashMap<>(request.getFormParameters().getMap());
            Map<String, Object> claims = new LinkedHashMap<>();
            String typed = form.get("claims");
            if (typed != null && !typed.isBlank()) {
                try {
                    claims.putAll(JSONObjectUtils.parse(typed));
                } catch (ParseException e) {
                    return request;
                }
            }
            claims.putIfAbsent("scope", scope);
            form.put("claims", JSONObjectUtils.toJSONString(claims));
            String body = form.entrySet().stream()
                    .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                    .collect(Collectors.joining("&"));
            return new OAuth2HttpRequest(request.getHeaders(), request.getMethod(), request.getOriginalUrl(), body);
        }

        private static String encode(String text) {
            return URLEncoder.encode(text, StandardCharsets.UTF_8);
        }

        @Override
        public OAuth2HttpServer start(Function1<? super OAuth2HttpRequest, OAuth2HttpResponse> handler) {
            return start(0, handler);
        }

        @Override
        public OAuth2HttpServer start(int port, Function1<? super OAuth2HttpRequest, OAuth2HttpResponse> handler) {
            try {
                return start(InetAddress.getByName("localhost"), port, handler);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public OAuth2HttpServer stop() {
            server.stop();
            return this;
        }

        @Override
        public void close() {
            stop();
        }

        @Override
        public int port() {
            return server.port();
        }

        @Override
        public HttpUrl url(String path) {
            return server.url(path);
        }

        @Override
        public Ssl sslConfig() {
            return server.sslConfig();
        }
    }
}
