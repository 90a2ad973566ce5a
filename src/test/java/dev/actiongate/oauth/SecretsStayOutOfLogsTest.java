package dev.actiongate.oauth;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import dev.actiongate.testing.CapturedOutput;
import dev.actiongate.testing.ChatGptAndBrowser;
import dev.actiongate.testing.HttpTransport;
import dev.actiongate.testing.LambdaTransport;
import dev.actiongate.testing.TestIdentityProvider;
import dev.actiongate.testing.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With the root logger at TRACE (the most an operator can set), a whole sign-in, refresh and a few
 * failures, both through the Lambda handler and over HTTP, write no code, token, secret, sealed value
 * or OAuth query string to any log line of ActionGate or the libraries it runs on, in any field of the JSON lines
 * as stdout has them, or in any metric document; and every line is one JSON object.
 */
class SecretsStayOutOfLogsTest {

    /** The test's own identity provider and stub servers log what they like; they are not ActionGate. */
    private static final List<String> NOT_ACTIONGATE = List.of("no.nav.", "mockwebserver", "okhttp3", "wiremock", "WireMock");

    private final List<String> lines = new ArrayList<>();
    private final AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            if (NOT_ACTIONGATE.stream().noneMatch(event.getLoggerName()::contains)) {
                synchronized (lines) {
                    lines.add(event.getLoggerName() + " " + event.getFormattedMessage()
                            + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy())));
                }
            }
        }
    };
    private Logger root;
    private Level rootLevel;
    /** The lines as logback.xml writes them (message, fields, request id, stack trace) and the EMF documents. */
    private CapturedOutput written;

    @BeforeEach
    void captureEverything() {
        root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.TRACE);
        capture.start();
        root.addAppender(capture);
        written = new CapturedOutput();
    }

    @AfterEach
    void restore() {
        written.close();
        root.detachAppender(capture);
        root.setLevel(rootLevel);
    }

    @Test
    void noLogLineCarriesACodeATokenOrASecret() {
        Set<String> secrets = new LinkedHashSet<>(List.of(TestIdentityProvider.GPT_CLIENT_SECRET, TestIdentityProvider.IDP_CLIENT_SECRET,
                TestIdentityProvider.STATE_KEY));
        try (TestIdentityProvider idp = TestIdentityProvider.withSignInPage()) {
            for (Transport gate : List.of(new LambdaTransport(idp.settings()), new HttpTransport(idp.settings()))) {
                try (gate) {
                    ChatGptAndBrowser chatGpt = new ChatGptAndBrowser(gate, idp);
                    String code = chatGpt.signIn("mallory@example.com", "workflows:read logs:read", "gpt-state-secret-0xC0FFEE").code();
                    Map<String, Object> tokens = ChatGptAndBrowser.json(chatGpt.redeemWithPost(code));
                    Map<String, Object> renewed = ChatGptAndBrowser.json(chatGpt.refreshWithBasic((String) tokens.get("refresh_token")));
                    assertEquals(200, gate.get("/api/me", Map.of("authorization", "Bearer " + renewed.get("access_token"))).status());
                    assertEquals(401, chatGpt.token(ChatGptAndBrowser.basic(TestIdentityProvider.GPT_CLIENT_ID, "wrong-secret-9f8e7d"),
                            Map.of("grant_type", "refresh_token", "refresh_token", (String) renewed.get("refresh_token"))).status());
                    assertEquals(400, gate.get("/oauth/callback?code=" + code + "&state=" + code).status());

                    secrets.addAll(List.of(code, (String) tokens.get("access_token"), (String) tokens.get("refresh_token"),
                            (String) renewed.get("access_token"), (String) renewed.get("refresh_token"), "wrong-secret-9f8e7d"));
                    for (String location : chatGpt.locations()) {
                        String query = URI.create(location).getRawQuery();
                        secrets.add(query);
                        ChatGptAndBrowser.parse(query).forEach((name, value) -> {
                            if (name.equals("code") || name.equals("state") || name.equals("code_challenge")) {
                                secrets.add(value);
                            }
                        });
                    }
                }
            }
        }

        assertNoLineCarries(secrets);
    }

    /** A public client's rotation and the reuse that revokes its family (here and at the provider) log no token either. */
    @Test
    void aPublicClientsRefreshAndItsReuseLogNoToken() throws Exception {
        Set<String> secrets = new LinkedHashSet<>(List.of(TestIdentityProvider.IDP_CLIENT_SECRET, TestIdentityProvider.STATE_KEY));
        try (TestIdentityProvider idp = TestIdentityProvider.withSignInPage()) {
            Map<String, Object> settings = new java.util.LinkedHashMap<>(idp.settings());
            settings.put("actiongate.test.clock", "mutable");
            settings.put("actiongate.usage.call-timeout", "2s");
            for (Transport gate : List.of(new LambdaTransport(settings), new HttpTransport(settings))) {
                try (gate) {
                    Map<String, Object> tokens = PublicClientCodes.signIn(gate, idp, "mallory@example.com", "workflows:read").ok();
                    String first = (String) tokens.get("refresh_token");
                    Map<String, Object> renewed = PublicClientCodes.refresh(gate, first).ok();
                    dev.actiongate.testing.MutableClock clock = PublicClientCodes.context(gate).getBean(dev.actiongate.testing.MutableClock.class);
                    clock.set(clock.instant().plusSeconds(61));
                    assertEquals(400, PublicClientCodes.refresh(gate, first).status(), "reused after the window");

                    secrets.addAll(List.of((String) tokens.get("access_token"), first, (String) renewed.get("access_token"),
                            (String) renewed.get("refresh_token"), PublicClientCodes.sealer(gate).unseal(
                                    dev.actiongate.oauth.sealing.Sealer.Purpose.REFRESH_TOKEN, first, BridgeRefreshToken.class).upstreamRefreshToken()));
                }
            }
        }

        assertNoLineCarries(secrets);
    }

    private void assertNoLineCarries(Set<String> secrets) {
        // DynamoDB Local's server may still be logging its last request: read what was captured under the appender's lock.
        List<String> captured = new ArrayList<>();
        synchronized (lines) {
            captured.addAll(lines);
        }
        // Each written line is one JSON object with the fields every line has (the same line, as stdout has it).
        for (String line : written.lines()) {
            Map<String, Object> parsed = CapturedOutput.parse(line);
            for (String field : List.of("timestamp", "level", "logger", "message", "function")) {
                assertTrue(parsed.get(field) instanceof String, field + " in " + line);
            }
        }
        captured.addAll(written.lines());
        captured.addAll(written.rawMetricDocuments());
        assertTrue(written.rawMetricDocuments().size() > 5, "the capture saw the run's metrics: " + written.rawMetricDocuments().size());
        assertTrue(captured.size() > 10, "the capture saw the run's log lines: " + captured.size());
        for (String line : captured) {
            for (String secret : secrets) {
                assertTrue(!line.contains(secret), "a log line carries a secret value: " + line);
            }
        }
    }
}
